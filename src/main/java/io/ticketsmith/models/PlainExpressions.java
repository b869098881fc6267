package io.ticketsmith.models;

import java.util.Set;
import java.util.function.Predicate;

/**
 * What an expression in a model may be: variables, their properties, literals and operators - the comparisons a
 * gateway needs (`${route == 'AUTO'}`), a variable a timer or a task reads (`${reviewDue}`, `${reviewerGroup}`).
 * Everything that reaches code is refused: method and function calls, indexing, assignments, lambdas, the engine's
 * context objects ({@code execution}, {@code task}, ...) and Spring beans. A JUEL expression that can call a method
 * can call {@code Runtime.exec} or {@code identityService.createMembership}.
 */
final class PlainExpressions {

    /** Names the engine resolves to its own objects, from which every service can be reached. */
    private static final Set<String> CONTEXT_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution",
            "variableScope", "processEngine", "processEngineServices", "delegateExecution", "delegateTask");

    private static final Set<String> WORD_OPERATORS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
            "empty", "div", "mod");

    private static final Set<String> LITERAL_WORDS = Set.of("true", "false", "null");

    private final Predicate<String> isBean;

    /** @param isBean whether a name is a Spring bean, which an expression may not reach */
    PlainExpressions(Predicate<String> isBean) {
        this.isBean = isBean;
    }

    /** Whether the text holds an expression at all ({@code ${...}} or {@code #{...}}). */
    static boolean holdsExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /**
     * Checks every expression in a text (a text may mix literal parts and expressions, like "Review ${id}").
     *
     * @return why the text is refused, or null when every expression in it is plain
     */
    String refusal(String text) {
        int at = 0;
        while (at < text.length()) {
            int start = nextExpression(text, at);
            if (start < 0) {
                return null;
            }
            int end = endOfExpression(text, start + 2);
            if (end < 0) {
                return "the expression " + excerpt(text.substring(start)) + " is not closed";
            }
            String refused = refusalOfBody(text.substring(start + 2, end));
            if (refused != null) {
                return "the expression " + excerpt(text.substring(start, end + 1)) + " " + refused;
            }
            at = end + 1;
        }
        return null;
    }

    /** The single name a delegate expression such as {@code ${executeActionsDelegate}} refers to, or null. */
    static String singleName(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("${") || !trimmed.endsWith("}")) {
            return null;
        }
        String name = trimmed.substring(2, trimmed.length() - 1).trim();
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : null;
    }

    private static int nextExpression(String text, int from) {
        int dollar = text.indexOf("${", from);
        int hash = text.indexOf("#{", from);
        if (dollar < 0) {
            return hash;
        }
        return hash < 0 ? dollar : Math.min(dollar, hash);
    }

    /** The index of the closing brace, skipping string literals; -1 when there is none. */
    private static int endOfExpression(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfString(text, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '}') {
                return i;
            }
        }
        return -1;
    }

    private static int endOfString(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private String refusalOfBody(String body) {
        if (body.isBlank()) {
            return "is empty";
        }
        Kind previous = Kind.NONE;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                i = endOfString(body, i) + 1;
                previous = Kind.VALUE;
            } else if (Character.isDigit(c)) {
                while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '.')) {
                    i++;
                }
                previous = Kind.VALUE;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < body.length() && Character.isJavaIdentifierPart(body.charAt(i))) {
                    i++;
                }
                String word = body.substring(start, i);
                if (LITERAL_WORDS.contains(word)) {
                    previous = Kind.VALUE;
                } else if (WORD_OPERATORS.contains(word)) {
                    previous = Kind.OPERATOR;
                } else if (previous == Kind.DOT) {
                    if (word.equals("class")) {
                        return "reads a class, which a model may not";
                    }
                    previous = Kind.NAME;
                } else if (word.equals("instanceof")) {
                    return "tests types (instanceof), which a model may not";
                } else if (CONTEXT_OBJECTS.contains(word)) {
                    return "uses the engine's object '" + word + "', which a model may not";
                } else if (isBean.test(word)) {
                    return "uses the application's component '" + word + "', which a model may not "
                            + "(only the product's delegates, as camunda:delegateExpression)";
                } else {
                    previous = Kind.NAME;
                }
            } else if (c == '.') {
                if (previous != Kind.NAME) {
                    return "has a '.' where a variable's property was expected";
                }
                previous = Kind.DOT;
                i++;
            } else if (c == '(') {
                if (previous == Kind.NAME || previous == Kind.VALUE || previous == Kind.CLOSE) {
                    return "calls a method or function, which a model may not";
                }
                previous = Kind.OPERATOR;
                i++;
            } else if (c == ')') {
                previous = Kind.CLOSE;
                i++;
            } else if (body.startsWith("->", i)) {
                return "defines a function (->), which a model may not";
            } else {
                int length = operatorLength(body, i);
                if (length == 0) {
                    return "uses '" + c + "'; a model's expressions may hold only variables, literals and comparisons";
                }
                previous = Kind.OPERATOR;
                i += length;
            }
        }
        return previous == Kind.DOT ? "ends with '.'" : null;
    }

    private static int operatorLength(String body, int at) {
        for (String operator : new String[] {"==", "!=", "<=", ">=", "&&", "||"}) {
            if (body.startsWith(operator, at)) {
                return 2;
            }
        }
        return "<>!+-*/%?:".indexOf(body.charAt(at)) >= 0 ? 1 : 0;
    }

    private static String excerpt(String expression) {
        return expression.length() <= 80 ? expression : expression.substring(0, 77) + "...";
    }

    private enum Kind { NONE, NAME, VALUE, DOT, OPERATOR, CLOSE }
}
