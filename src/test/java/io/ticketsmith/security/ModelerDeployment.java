package io.ticketsmith.security;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Deploys a process the way Camunda Modeler does: multipart POST to /engine-rest/deployment/create. */
public final class ModelerDeployment {

    private ModelerDeployment() {
    }

    public static ResponseEntity<String> deploy(TestRestTemplate client, String processKey) {
        String bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess(processKey)
                .camundaHistoryTimeToLive(30)
                .startEvent().endEvent().done());
        return deploy(client, processKey + ".bpmn", bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Deploys one file as Modeler does, under a deployment named after it. */
    public static ResponseEntity<String> deploy(TestRestTemplate client, String fileName, byte[] content) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", fileName);
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        form.add("data", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return client.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    }
}
