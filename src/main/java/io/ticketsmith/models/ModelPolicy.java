package io.ticketsmith.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a process owner may deploy, from the model folders, Modeler or {@code /engine-rest}: deployment rights must
 * not be code execution. A model may use the product's own delegates (as {@code camunda:delegateExpression}),
 * external task topics, decision tables in FEEL, Camunda Forms, and expressions that read variables and compare
 * them ({@link PlainExpressions}). Refused, each with the element and the reason:
 * <ul>
 *   <li>scripts of any kind (script tasks, script listeners, script conditions and input/output scripts);</li>
 *   <li>{@code camunda:class}, {@code camunda:expression} and variable-mapping classes, connectors;</li>
 *   <li>delegate expressions other than the product's delegates; expressions that call methods or functions or
 *       reach the engine's objects or the application's components;</li>
 *   <li>DMN in any expression language but FEEL, and FEEL functions bound to Java ({@code external});</li>
 *   <li>forms that embed other pages or HTML ({@code iframe}, {@code html}) or hold {@code javascript:} links;</li>
 *   <li>form keys other than Camunda Forms (an embedded or external form runs in reviewers' browsers), and any
 *       resource but BPMN, DMN and Camunda Forms (an HTML or script resource would be served as an embedded
 *       form).</li>
 * </ul>
 */
public final class ModelPolicy {

    private static final List<String> BPMN_SUFFIXES = List.of(".bpmn", ".bpmn20.xml");
    private static final List<String> DMN_SUFFIXES = List.of(".dmn", ".dmn11.xml");
    private static final String FORM_SUFFIX = ".form";

    /** Attributes that name a class or an expression to run as code; on Camunda's elements and as camunda:*. */
    private static final Map<String, String> CODE_ATTRIBUTES = Map.of(
            "class", "runs a Java class",
            "expression", "runs an expression as code; use camunda:delegateExpression with a product delegate",
            "resource", "loads a script",
            "scriptFormat", "runs a script",
            "variableMappingClass", "runs a Java class",
            "variableMappingDelegateExpression", "runs a delegate for the variable mapping");

    private static final Map<String, String> CODE_ELEMENTS = Map.of(
            "scriptTask", "is a script task, which runs code",
            "script", "holds a script, which runs code",
            "connector", "calls a connector, which reaches other systems from inside the engine");

    private static final Set<String> REFUSED_FORM_COMPONENTS = Set.of("html", "iframe");
    private static final Pattern SCRIPT_URL = Pattern.compile("^\\s*(javascript|vbscript|data\\s*:\\s*text/html)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FEEL_EXTERNAL_FUNCTION = Pattern.compile("\\bexternal\\s*\\{", Pattern.CASE_INSENSITIVE);

    private final Supplier<Set<String>> delegates;
    private final PlainExpressions expressions;
    private final ObjectMapper objectMapper;
    private final XMLInputFactory xml;

    /**
     * @param delegates the bean names of the product's delegates and listeners, which delegate expressions may use
     * @param isBean whether a name is an application component, which no other expression may reach
     */
    public ModelPolicy(Supplier<Set<String>> delegates, Predicate<String> isBean, ObjectMapper objectMapper) {
        this.delegates = delegates;
        this.expressions = new PlainExpressions(isBean);
        this.objectMapper = objectMapper;
        this.xml = XMLInputFactory.newFactory();
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xml.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** One reason a resource is refused, with the element (id) and where in the file. */
    public record Finding(String resource, String elementId, int line, int column, String reason) {

        @Override
        public String toString() {
            return resource + (elementId != null ? " (" + elementId + ")" : "")
                    + (line > 0 ? " line " + line : "") + ": " + reason;
        }
    }

    /** Every reason to refuse one resource of a deployment; empty when it may be deployed. */
    public List<Finding> check(String resourceName, byte[] content) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        if (BPMN_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return checkXml(resourceName, content, false);
        }
        if (DMN_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return checkXml(resourceName, content, true);
        }
        if (name.endsWith(FORM_SUFFIX)) {
            return checkForm(resourceName, content);
        }
        return List.of(new Finding(resourceName, null, 0, 0, "only BPMN (.bpmn), DMN (.dmn) and Camunda Forms (.form) "
                + "may be deployed; other resources (HTML, scripts, images) would be served to reviewers' browsers"));
    }

    private List<Finding> checkXml(String resource, byte[] content, boolean decision) {
        List<Finding> findings = new ArrayList<>();
        Deque<Element> open = new ArrayDeque<>();
        try {
            XMLStreamReader reader = xml.createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        Element element = new Element(reader.getLocalName(), reader.getNamespaceURI(),
                                reader.getAttributeValue(null, "id"), reader.getLocation(), open.peek());
                        open.push(element);
                        if (decision) {
                            checkDecisionElement(resource, reader, element, findings);
                        } else {
                            checkProcessElement(resource, reader, element, findings);
                        }
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                        if (!open.isEmpty()) {
                            open.peek().text.append(reader.getText());
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        Element element = open.pop();
                        String text = element.text.toString();
                        if (decision) {
                            if (FEEL_EXTERNAL_FUNCTION.matcher(text).find()) {
                                findings.add(finding(resource, element, "defines a FEEL function bound to Java "
                                        + "(external), which a decision table may not"));
                            }
                        } else if (!element.isDocumentation() && PlainExpressions.holdsExpression(text)) {
                            String refused = expressions.refusal(text);
                            if (refused != null) {
                                findings.add(finding(resource, element, refused));
                            }
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            findings.add(new Finding(resource, null, 0, 0, "is not well-formed XML: " + e.getMessage()));
        }
        return findings;
    }

    private void checkProcessElement(String resource, XMLStreamReader reader, Element element, List<Finding> findings) {
        String refusedElement = CODE_ELEMENTS.get(element.name);
        if (refusedElement != null) {
            findings.add(finding(resource, element, refusedElement));
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i);
            boolean extension = isExtension(reader.getAttributeNamespace(i)) || isExtension(element.namespace)
                    && (reader.getAttributeNamespace(i) == null || reader.getAttributeNamespace(i).isEmpty());
            if (extension && CODE_ATTRIBUTES.containsKey(name)) {
                findings.add(finding(resource, element, name + " " + CODE_ATTRIBUTES.get(name)));
            } else if (extension && name.equals("delegateExpression")) {
                String bean = PlainExpressions.singleName(value);
                if (bean == null || !delegates.get().contains(bean)) {
                    findings.add(finding(resource, element, "delegateExpression " + value + " is not one of the "
                            + "product's delegates"));
                }
            } else if (extension && name.equals("formKey") && !value.startsWith("camunda-forms:")) {
                findings.add(finding(resource, element, "formKey " + value + " is not a Camunda Form; embedded and "
                        + "external forms run in reviewers' browsers (use camunda:formRef)"));
            } else if (name.equals("language")) {
                findings.add(finding(resource, element, "a " + value + " condition is a script, which runs code"));
            } else if (PlainExpressions.holdsExpression(value)) {
                String refused = expressions.refusal(value);
                if (refused != null) {
                    findings.add(finding(resource, element, name + ": " + refused));
                }
            }
        }
    }

    private static void checkDecisionElement(String resource, XMLStreamReader reader, Element element,
            List<Finding> findings) {
        String language = reader.getAttributeValue(null, "expressionLanguage");
        if (language != null && !language.toLowerCase(Locale.ROOT).contains("feel")) {
            findings.add(finding(resource, element, "expressionLanguage " + language + " is not FEEL; a decision "
                    + "table is written in FEEL, which cannot run code"));
        }
    }

    private List<Finding> checkForm(String resource, byte[] content) {
        JsonNode form;
        try {
            form = objectMapper.readTree(content);
        } catch (IOException e) {
            return List.of(new Finding(resource, null, 0, 0, "is not valid JSON"));
        }
        List<Finding> findings = new ArrayList<>();
        checkFormNode(resource, form, null, findings);
        return findings;
    }

    private static void checkFormNode(String resource, JsonNode node, String componentId, List<Finding> findings) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            String id = node.path("id").isTextual() ? node.path("id").asText() : componentId;
            String type = node.path("type").asText("");
            if (node.has("components") || node.has("key") || node.has("label")) {
                if (REFUSED_FORM_COMPONENTS.contains(type)) {
                    findings.add(new Finding(resource, id, 0, 0, "the " + type + " component renders content a "
                            + "form may not hold (other pages or raw HTML)"));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                checkFormNode(resource, fields.next().getValue(), id, findings);
            }
        } else if (node.isArray()) {
            node.forEach(child -> checkFormNode(resource, child, componentId, findings));
        } else if (node.isTextual() && SCRIPT_URL.matcher(node.asText()).find()) {
            findings.add(new Finding(resource, componentId, 0, 0, "holds a script link ("
                    + node.asText().trim().split(":", 2)[0] + ":), which a form may not"));
        }
    }

    private static boolean isExtension(String namespace) {
        return namespace != null && (namespace.contains("camunda.org/schema") || namespace.contains("activiti.org"));
    }

    private static Finding finding(String resource, Element element, String reason) {
        Element identified = element;
        while (identified != null && identified.id == null) {
            identified = identified.parent;
        }
        return new Finding(resource, identified != null ? identified.id : null, element.line, element.column,
                element.name + ": " + reason);
    }

    private static final class Element {
        final String name;
        final String namespace;
        final String id;
        final int line;
        final int column;
        final Element parent;
        final StringBuilder text = new StringBuilder();

        Element(String name, String namespace, String id, Location location, Element parent) {
            this.name = name;
            this.namespace = namespace;
            this.id = id;
            this.line = location.getLineNumber();
            this.column = location.getColumnNumber();
            this.parent = parent;
        }

        boolean isDocumentation() {
            for (Element e = this; e != null; e = e.parent) {
                if (e.name.equals("documentation") || e.name.equals("textAnnotation")) {
                    return true;
                }
            }
            return false;
        }
    }
}
