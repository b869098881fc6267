package io.ticketsmith.request;

import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;

/** A process variable with its name and Java type, so that no code repeats the name or casts the value. */
public record ProcessVariable<T>(String name, Class<T> type) {

    public static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type);
    }

    public T get(VariableScope scope) {
        return type.cast(scope.getVariable(name));
    }

    public T getOrDefault(VariableScope scope, T defaultValue) {
        T value = get(scope);
        return value == null ? defaultValue : value;
    }

    public T get(Map<String, Object> variables) {
        return type.cast(variables.get(name));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    public void put(Map<String, Object> variables, T value) {
        variables.put(name, value);
    }
}
