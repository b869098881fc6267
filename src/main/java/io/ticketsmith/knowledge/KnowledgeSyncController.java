package io.ticketsmith.knowledge;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Knowledge", description = "Syncing resolved Jira issues and Confluence pages into the knowledge index")
class KnowledgeSyncController {

    private final KnowledgeSync sync;

    KnowledgeSyncController(KnowledgeSync sync) {
        this.sync = sync;
    }

    @PostMapping("/api/knowledge/sync")
    @Operation(summary = "Sync the knowledge index now",
            description = "Indexes what changed in each configured source since its high-water mark; with "
                    + "reconcile=true also removes documents that left their source")
    KnowledgeSync.Report run(@RequestParam(defaultValue = "false") boolean reconcile) {
        return sync.run(reconcile);
    }

    @GetMapping("/api/knowledge/sync")
    @Operation(summary = "How the knowledge sync of each source stands")
    List<KnowledgeSync.SourceReport> state() {
        return sync.states();
    }
}
