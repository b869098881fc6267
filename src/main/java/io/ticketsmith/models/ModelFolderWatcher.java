package io.ticketsmith.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the model folders live: deploys every model at start-up and then polls the folders, deploying
 * each file whose content changed. Polling rather than file-system events, because bind mounts from a
 * Docker host and network file systems often deliver no events.
 *
 * <p>Each content version of a file is tried once: a refused model is logged with its parse error and
 * not retried until the file changes again, while the previous version keeps running. A deployment that failed
 * for another reason (the database was unreachable) is tried again on the next poll.
 */
public class ModelFolderWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelFolderWatcher.class);

    private final ModelDeployer deployer;
    private final ModelProperties properties;
    private final Map<Path, String> lastSeen = new HashMap<>();
    private ScheduledExecutorService poller;
    private volatile boolean running;

    public ModelFolderWatcher(ModelDeployer deployer, ModelProperties properties) {
        this.deployer = deployer;
        this.properties = properties;
    }

    @Override
    public void start() {
        for (Path folder : properties.folders()) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("Model folder " + folder.toAbsolutePath()
                        + " does not exist; start the application from the project directory or set ticketsmith.models.folders");
            }
        }
        scan();
        if (properties.watch()) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "model-folder-watcher");
                thread.setDaemon(true);
                return thread;
            });
            long interval = properties.pollInterval().toMillis();
            poller.scheduleWithFixedDelay(this::scanSafely, interval, interval, TimeUnit.MILLISECONDS);
            log.info("Watching model folders {} for changes every {} ms", properties.folders(), interval);
        }
        running = true;
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Deploys before the web server opens, so the first request finds its process. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.error("Scanning the model folders failed; retrying on the next poll", e);
        }
    }

    /** Deploys every model file whose content differs from what this watcher saw last. */
    synchronized void scan() {
        Map<Path, String> current = new HashMap<>();
        for (Path file : modelFiles()) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                log.warn("Model file {} cannot be read yet: {}", file, e.getMessage());
                if (lastSeen.containsKey(file)) {
                    current.put(file, lastSeen.get(file));
                }
                continue;
            }
            String digest = sha256(content);
            current.put(file, digest);
            if (digest.equals(lastSeen.get(file))) {
                continue;
            }
            try {
                ModelDeployer.DeploymentResult result = deployer.deploy(file, content);
                if (result.deployed()) {
                    log.info("Deployed model {} as deployment {}", file, result.deploymentId());
                } else {
                    log.debug("Model {} is unchanged since its last deployment", file);
                }
            } catch (InvalidModelException e) {
                log.error("Refused model, the previously deployed version stays active: {}", e.getMessage());
            } catch (ModelDeploymentFailedException e) {
                log.warn("{}; trying again on the next poll", e.getMessage());
                // Seen, but not as any content: the next scan tries it again.
                current.put(file, "");
            }
        }
        lastSeen.keySet().stream()
                .filter(file -> !current.containsKey(file))
                .forEach(file -> log.info("Model file {} was removed; its deployed versions stay until deleted in Cockpit", file));
        lastSeen.clear();
        lastSeen.putAll(current);
    }

    private List<Path> modelFiles() {
        return properties.folders().stream()
                .filter(Files::isDirectory)
                .flatMap(ModelFolderWatcher::listFiles)
                .filter(Files::isRegularFile)
                .filter(ModelDeployer::isModelFile)
                .sorted()
                .toList();
    }

    private static Stream<Path> listFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList().stream();
        } catch (IOException e) {
            log.warn("Model folder {} cannot be listed: {}", folder, e.getMessage());
            return Stream.empty();
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
