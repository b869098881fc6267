package io.ticketsmith.bench.probe;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/** A connection that closes the thread's unit when it is given back, once. */
final class TimedConnection implements InvocationHandler {

    private final Connection target;
    private boolean closed;

    private TimedConnection(Connection target) {
        this.target = target;
    }

    static Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(TimedConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new TimedConnection(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("unwrap") && args[0] instanceof Class<?> type && type.isInstance(target)) {
            return target;
        }
        if (name.equals("equals")) {
            return proxy == args[0];
        }
        if (name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (name.equals("close") && !closed) {
                closed = true;
                EngineOverheadProbe.RECORDER.closed();
            }
        }
    }
}
