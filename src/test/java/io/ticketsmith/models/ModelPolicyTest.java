package io.ticketsmith.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelPolicyTest {

    /** The product's delegates as the shipped process names them; in the application they come from its beans. */
    private static final Set<String> DELEGATES = delegatesOfShippedProcess();
    private static final Set<String> OTHER_BEANS = Set.of("identityService", "runtimeService",
            "processEngineConfiguration", "jdbcTemplate");

    private final ModelPolicy policy = new ModelPolicy(() -> DELEGATES,
            name -> DELEGATES.contains(name) || OTHER_BEANS.contains(name), new ObjectMapper());

    @Test
    void shippedModelsMayBeDeployed() throws IOException {
        try (Stream<Path> files = Stream.of("processes", "dmn", "forms").flatMap(ModelPolicyTest::list)) {
            List<Path> models = files.toList();
            assertThat(models).hasSizeGreaterThanOrEqualTo(7);
            for (Path model : models) {
                assertThat(policy.check(model.getFileName().toString(), Files.readAllBytes(model)))
                        .as(model.toString()).isEmpty();
            }
        }
    }

    @Test
    void plainComparisonsAndVariablesAreAllowed() {
        assertThat(bpmn(condition("${route == 'AUTO' && !skipped || score > 0.8 and empty note}"))).isEmpty();
        assertThat(bpmn(condition("${priorityInput.issueType eq 'Bug' ? true : false}"))).isEmpty();
        assertThat(bpmn(condition("${note == 'a } (b) getClass()'}"))).isEmpty();
        assertThat(bpmn(userTask("camunda:candidateGroups=\"${reviewerGroup}\" camunda:dueDate=\"${reviewDueAt}\"")))
                .isEmpty();
    }

    @Test
    void expressionThatMakesTheOwnerAnAdministratorIsRefused() {
        List<ModelPolicy.Finding> findings = bpmn("""
                <bpmn:serviceTask id="Task_Promote" camunda:expression="${identityService.createMembership('owner', 'camunda-admin')}"/>
                """);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("Task_Promote");
            assertThat(finding.reason()).contains("serviceTask", "expression");
            assertThat(finding.line()).isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch x')}",
            "${identityService.createMembership('owner', 'camunda-admin')}",
            "${execution.processEngineServices.identityService}",
            "${task.delete}",
            "${processEngineConfiguration}",
            "${x[0]}",
            "${x = 1}",
            "${fn:exec('x')}",
            "${(x -> x.y)}",
            "#{jdbcTemplate}",
            "Review ${note.getClass()}",
            "${'' .class}",
            "${unclosed",
    })
    void expressionsThatReachCodeAreRefusedWherever(String expression) {
        String escaped = expression.replace("'", "&apos;").replace("<", "&lt;");
        assertThat(bpmn(condition(expression))).as("condition").singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("Flow_Auto"));
        assertThat(bpmn(userTask("camunda:assignee=\"" + escaped.replace("\"", "&quot;") + "\"")))
                .as("assignee").singleElement()
                .satisfies(finding -> assertThat(finding.reason()).contains("assignee"));
        assertThat(bpmn("""
                <bpmn:intermediateCatchEvent id="Event_Wait"><bpmn:timerEventDefinition id="Timer_Wait">
                <bpmn:timeDuration xsi:type="bpmn:tFormalExpression"><![CDATA[%s]]></bpmn:timeDuration>
                </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""".formatted(expression)))
                .as("timer").singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("Timer_Wait"));
    }

    @Test
    void codeInAProcessIsRefusedWithTheElementAndTheReason() {
        assertThat(reasons(bpmn("""
                <bpmn:scriptTask id="Task_Script" scriptFormat="groovy"><bpmn:script>'touch x'.execute()</bpmn:script></bpmn:scriptTask>
                """))).anyMatch(reason -> reason.contains("scriptTask")).anyMatch(reason -> reason.contains("script"));
        assertThat(reasons(bpmn("""
                <bpmn:serviceTask id="Task_Class" camunda:class="com.example.Evil"/>""")))
                .singleElement().asString().contains("class runs a Java class");
        assertThat(bpmn("""
                <bpmn:serviceTask id="Task_Bean" camunda:delegateExpression="${identityService}"/>"""))
                .singleElement().satisfies(finding -> assertThat(finding.reason()).contains("not one of the product's"));
        assertThat(bpmn("""
                <bpmn:serviceTask id="Task_Listened" camunda:delegateExpression="${executeActionsDelegate}">
                <bpmn:extensionElements><camunda:executionListener event="start" class="com.example.Evil"/>
                <camunda:executionListener event="end" expression="${runtimeService.deleteProcessInstance('x', 'y')}"/>
                <camunda:taskListener event="create"><camunda:script scriptFormat="javascript">java.lang.Runtime.getRuntime()</camunda:script></camunda:taskListener>
                </bpmn:extensionElements></bpmn:serviceTask>""")).extracting(ModelPolicy.Finding::elementId)
                .containsOnly("Task_Listened").hasSizeGreaterThanOrEqualTo(4);
        assertThat(reasons(bpmn("""
                <bpmn:serviceTask id="Task_Io" camunda:delegateExpression="${executeActionsDelegate}">
                <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="x"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:inputParameter>
                </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>""")))
                .anyMatch(reason -> reason.contains("script"));
        assertThat(reasons(bpmn("""
                <bpmn:serviceTask id="Task_Http"><bpmn:extensionElements><camunda:connector>
                <camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements>
                </bpmn:serviceTask>"""))).anyMatch(reason -> reason.contains("connector"));
        assertThat(reasons(bpmn("""
                <bpmn:sequenceFlow id="Flow_Js" sourceRef="a" targetRef="b">
                <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">true</bpmn:conditionExpression>
                </bpmn:sequenceFlow>"""))).anyMatch(reason -> reason.contains("javascript condition is a script"));
        assertThat(reasons(bpmn(userTask("camunda:formKey=\"embedded:deployment:review.html\""))))
                .anyMatch(reason -> reason.contains("not a Camunda Form"));
    }

    @Test
    void decisionTablesMustBeFeelWithoutJava() {
        assertThat(reasons(policy.check("guardrails.dmn", dmn("expressionLanguage=\"juel\"",
                "${''.getClass().forName('java.lang.Runtime')}")))).anyMatch(reason -> reason.contains("juel is not FEEL"));
        assertThat(reasons(policy.check("guardrails.dmn", dmn("",
                "function(x) external { java: { class: \"java.lang.Runtime\", method signature: \"getRuntime()\" } }"))))
                .anyMatch(reason -> reason.contains("external"));
        assertThat(policy.check("guardrails.dmn", dmn("expressionLanguage=\"feel\"", "\"external\""))).isEmpty();
    }

    @Test
    void formsMayNotEmbedPagesHtmlOrScriptLinks() {
        String form = """
                {"id": "evil", "type": "default", "components": [
                  {"id": "Frame", "type": "iframe", "url": "https://evil.example/", "label": "x"},
                  {"id": "Markup", "type": "html", "content": "<b>x</b>", "label": "y"},
                  {"id": "Note", "type": "text", "text": "[open](javascript:alert(1))", "label": "z"},
                  {"id": "Link", "type": "text", "text": "javascript:alert(1)", "label": "z"}
                ]}""";

        assertThat(policy.check("evil.form", form.getBytes(StandardCharsets.UTF_8)))
                .extracting(ModelPolicy.Finding::elementId).contains("Frame", "Markup", "Link");
    }

    @Test
    void resourcesOtherThanModelsAreRefused() {
        assertThat(policy.check("review.html", "<script>fetch('/camunda/api')</script>".getBytes(StandardCharsets.UTF_8)))
                .singleElement().satisfies(finding -> assertThat(finding.reason()).contains("only BPMN"));
        assertThat(policy.check("case.cmmn", new byte[0])).hasSize(1);
    }

    @Test
    void entitiesAreNotResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";

        assertThat(policy.check("x.bpmn", xxe.getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(finding -> assertThat(finding.reason()).doesNotContain("root:"));
    }

    private List<ModelPolicy.Finding> bpmn(String elements) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_Test">
                  <bpmn:process id="test" isExecutable="true" camunda:historyTimeToLive="1">
                %s
                  </bpmn:process>
                </bpmn:definitions>""".formatted(elements);
        return policy.check("test.bpmn", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String condition(String expression) {
        return """
                <bpmn:sequenceFlow id="Flow_Auto" sourceRef="a" targetRef="b">
                <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[%s]]></bpmn:conditionExpression>
                </bpmn:sequenceFlow>""".formatted(expression);
    }

    private static String userTask(String attributes) {
        return "<bpmn:userTask id=\"Task_Review\" " + attributes + "/>";
    }

    private static byte[] dmn(String languageAttribute, String entry) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
                  <decision id="route" name="Route"><decisionTable id="t">
                    <input id="i"><inputExpression id="ie" typeRef="string"><text>category</text></inputExpression></input>
                    <output id="o" name="route" typeRef="string"/>
                    <rule id="Rule_1"><inputEntry id="e1" %s><text><![CDATA[%s]]></text></inputEntry>
                      <outputEntry id="o1"><text>"AUTO"</text></outputEntry></rule>
                  </decisionTable></decision>
                </definitions>""".formatted(languageAttribute, entry).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> reasons(List<ModelPolicy.Finding> findings) {
        return findings.stream().map(ModelPolicy.Finding::reason).toList();
    }

    private static Stream<Path> list(String folder) {
        try {
            return Files.list(Path.of(folder)).filter(ModelDeployer::isModelFile).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> delegatesOfShippedProcess() {
        try {
            Matcher matcher = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"")
                    .matcher(Files.readString(Path.of("processes", "handle-request.bpmn")));
            Set<String> names = new java.util.TreeSet<>();
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
