package dev.newsstream.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running inside this JVM,
 * for integration tests and the one-command demo.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link Builder#start()} formats the log directory if needed, starts the broker and returns only once it
 *       answers a metadata request; otherwise it throws {@link EmbeddedKafkaException} saying why (for a taken
 *       port: which one and how to choose another) and leaves nothing running.</li>
 *   <li>Everything listens on {@code 127.0.0.1} only. The client port is fixed for the broker's life, so
 *       {@link #bootstrapServers()} stays valid across {@link #stop()} and {@link #restart()}.</li>
 *   <li>{@link #stop()} shuts the broker down and keeps its data; {@link #restart()} starts it again on the same
 *       log directory and port (broker-bounce tests); {@link #close()} stops it and deletes the log directory
 *       when this class created it. {@code close} is idempotent; after it the broker cannot be restarted.</li>
 *   <li>Topics are not auto-created ({@code auto.create.topics.enable=false}): the applications create their
 *       topics explicitly, and a missing topic should fail a test rather than appear with a default layout.
 *       {@link Builder#autoCreateTopics(boolean)} turns it on.</li>
 *   <li>Internal topics (consumer offsets, transaction state, share-group state) have one partition,
 *       replication factor 1 and min ISR 1, so transactions and {@code exactly_once_v2} work on one node.</li>
 *   <li>With {@link Builder#saslPlain(Map)}, the client listener is {@code SASL_PLAINTEXT} with the PLAIN
 *       mechanism and exactly the given users; the broker's own inter-broker and controller traffic stays on
 *       two further {@code PLAINTEXT} listeners on 127.0.0.1, which clients are not told about.</li>
 *   <li>A JVM shutdown hook closes a broker its owner forgot, so a test fork or a Ctrl-C'd demo does not
 *       leave temporary directories behind. It cannot stop the JVM from waiting for Kafka's own non-daemon
 *       threads in a plain {@code main} that simply returns: close the broker (try-with-resources).</li>
 * </ul>
 *
 * <p>Thread-safe: lifecycle methods are synchronized. Measured on a loaded 2-core machine: 4-11 s for the first
 * start in a fresh JVM (mostly class loading), about 1 s for later starts and restarts, under a second to stop,
 * and ~50 MB of heap.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().port(0).start()) {
 *     kafka.createTopics(Map.of("paragraphs", 3));
 *     // clients use kafka.bootstrapServers() or kafka.clientConfig()
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Bounded so that a stuck broker cannot hang JVM exit (surefire kills a fork that does not exit anyway). */
    private static final Duration SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(10);
    /** User names become JAAS option keys ({@code user_<name>}), which must be plain tokens. */
    private static final Pattern SASL_USER = Pattern.compile("[A-Za-z0-9._@-]+");

    private enum State { RUNNING, STOPPED, CLOSED }

    private final int port;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final Map<String, String> saslUsers;
    /** The user {@link #clientConfig()} authenticates as: the first one given to {@link Builder#saslPlain(Map)}. */
    private final String firstSaslUser;
    private final boolean autoCreateTopics;
    private final Map<String, String> overrides;
    private final Duration startupTimeout;
    private final Duration ownerCloseGrace;
    private final Thread shutdownHook;

    private State state = State.STOPPED;
    private KafkaRaftServer server;
    private int controllerPort;

    private EmbeddedKafkaBroker(Builder builder, int port, Path logDir, boolean deleteLogDirOnClose) {
        this.port = port;
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.saslUsers = Map.copyOf(builder.saslUsers);
        this.autoCreateTopics = builder.autoCreateTopics;
        this.overrides = Map.copyOf(builder.overrides);
        this.startupTimeout = builder.startupTimeout;
        this.ownerCloseGrace = builder.ownerCloseGrace;
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "embedded-kafka-shutdown-" + port);
        this.firstSaslUser = builder.saslUsers.isEmpty() ? null : builder.saslUsers.keySet().iterator().next();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}; valid from start to close, including while stopped for a bounce. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port (never 0: a requested port 0 is resolved to a free port once, at the first start). */
    public int port() {
        return port;
    }

    /** The broker's data (and KRaft metadata) directory. */
    public Path logDir() {
        return logDir;
    }

    /** Whether clients must authenticate with SASL/PLAIN. */
    public boolean saslEnabled() {
        return !saslUsers.isEmpty();
    }

    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Client properties that reach this broker: {@code bootstrap.servers} and, with SASL, the security settings
     * for the first configured user. A fresh mutable map, to add serializers, group ids and so on.
     */
    public Map<String, Object> clientConfig() {
        return firstSaslUser == null ? clientConfig(null, null) : clientConfig(firstSaslUser, saslUsers.get(firstSaslUser));
    }

    /** Like {@link #clientConfig()} but authenticating as {@code user} with {@code password} (right or wrong). */
    public Map<String, Object> clientConfig(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (saslEnabled() && user != null) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"" + jaasEscape(user) + "\" password=\"" + jaasEscape(password) + "\";");
        }
        return config;
    }

    /** Creates topics (name to partition count) unless they exist; see {@link Topics}. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        Topics.create(clientConfig(), partitionsByTopic, Topics.DEFAULT_TIMEOUT);
    }

    /** Creates each named topic with {@code partitions} partitions unless it exists. */
    public void createTopics(Collection<String> names, int partitions) {
        Map<String, Integer> partitionsByTopic = new LinkedHashMap<>();
        names.forEach(name -> partitionsByTopic.put(name, partitions));
        createTopics(partitionsByTopic);
    }

    /** Shuts the broker down (waiting up to 30 s), keeping the log directory for {@link #restart()}. */
    public void stop() {
        stop(DEFAULT_STOP_TIMEOUT);
    }

    /**
     * Shuts the broker down, keeping the log directory. Waits up to {@code timeout}; if Kafka has not finished by
     * then, logs a warning and returns (its threads finish in the background). No-op unless running.
     */
    public synchronized void stop(Duration timeout) {
        if (state != State.RUNNING) {
            return;
        }
        long started = System.nanoTime();
        shutdownServer(server, timeout);
        server = null;
        state = State.STOPPED;
        LOG.info("Stopped Kafka broker at {} in {} ms", bootstrapServers(), millisSince(started));
    }

    /** Starts a stopped broker again on the same log directory and port; the data written before is still there. */
    public synchronized void restart() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("The Kafka broker at " + bootstrapServers()
                    + " is closed and its data may be deleted; build a new one with EmbeddedKafkaBroker.builder()");
        }
        if (state == State.RUNNING) {
            stop();
        }
        startServer();
    }

    /** Stops the broker (waiting up to 30 s) and deletes the log directory if this class created it. Idempotent. */
    @Override
    public void close() {
        close(DEFAULT_STOP_TIMEOUT);
    }

    /** Like {@link #close()} with a bound on how long to wait for Kafka to shut down. Idempotent. */
    public void close(Duration timeout) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            stop(timeout);
            state = State.CLOSED;
            if (deleteLogDirOnClose) {
                deleteRecursively(logDir);
            }
            KafkaExitGuard.release();
            LOG.debug("Closed {}{}", this, deleteLogDirOnClose ? " and deleted its temporary log directory" : "");
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from the hook itself, or while the JVM exits: the hook is running or about to, nothing to undo.
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + (saslEnabled() ? " SASL_PLAINTEXT" : " PLAINTEXT")
                + ", logDir=" + logDir + "]";
    }

    private void closeFromShutdownHook() {
        // JVM shutdown hooks run concurrently: an owner that closes the broker from its own hook (after closing
        // its clients) is given time to, so the broker does not go away under clients that are still closing
        long until = System.nanoTime() + ownerCloseGrace.toNanos();
        synchronized (this) {
            while (state != State.CLOSED && System.nanoTime() < until) {
                try {
                    wait(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (state == State.CLOSED) {
                return;
            }
        }
        LOG.warn("Closing {} from the JVM shutdown hook: close it yourself (try-with-resources) to stop it earlier", this);
        close(SHUTDOWN_HOOK_TIMEOUT);
    }

    // ---- start ------------------------------------------------------------------------------------------

    /** Attempts for a start that failed only because a port we picked was taken before Kafka bound it. */
    private static final int START_ATTEMPTS = 3;

    private void startServer() {
        for (int attempt = 1; ; attempt++) {
            try {
                startServerOnce();
                return;
            } catch (InternalPortTaken e) {
                if (attempt == START_ATTEMPTS) {
                    throw new EmbeddedKafkaException("The Kafka broker at " + bootstrapServers() + " could not bind its"
                            + " internal listener ports after " + START_ATTEMPTS + " attempts; is something grabbing"
                            + " ports on " + HOST + "?", e);
                }
                LOG.info("Internal port {} was taken while the broker at {} started; retrying with fresh ports",
                        e.port, bootstrapServers());
                controllerPort = 0;
            }
        }
    }

    private void startServerOnce() {
        long started = System.nanoTime();
        requirePortFree(port);
        // The controller listener is private to this process; reuse its port across a bounce when still free.
        if (controllerPort == 0 || !isPortFree(controllerPort)) {
            controllerPort = freePort();
        }
        int interBrokerPort = saslEnabled() ? freePort() : 0;
        Properties props = brokerProperties(interBrokerPort);
        formatIfNeeded(props);

        KafkaRaftServer candidate;
        try {
            candidate = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new EmbeddedKafkaException("Invalid configuration for the Kafka broker at " + bootstrapServers()
                    + ": " + e.getMessage() + ". Check the properties passed to EmbeddedKafkaBroker.builder().brokerProperty(...)", e);
        }
        try {
            candidate.startup();
        } catch (Throwable e) {
            shutdownServer(candidate, DEFAULT_STOP_TIMEOUT);
            throw startFailure(e, interBrokerPort);
        }
        try {
            awaitReady();
        } catch (RuntimeException e) {
            shutdownServer(candidate, DEFAULT_STOP_TIMEOUT);
            throw e;
        }
        server = candidate;
        state = State.RUNNING;
        LOG.info("Started Kafka {} broker at {} in {} ms (logDir {})", KafkaVersion.VERSION, bootstrapServers(),
                millisSince(started), logDir);
    }

    private Properties brokerProperties(int interBrokerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        if (saslEnabled()) {
            p.put("listeners", "CLIENT://" + HOST + ":" + port + ",INTERNAL://" + HOST + ":" + interBrokerPort
                    + ",CONTROLLER://" + HOST + ":" + controllerPort);
            p.put("advertised.listeners", "CLIENT://" + HOST + ":" + port + ",INTERNAL://" + HOST + ":" + interBrokerPort);
            p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
            // Transaction markers and the like go broker-to-broker (here: to itself); keep that unauthenticated.
            p.put("inter.broker.listener.name", "INTERNAL");
            p.put("sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name.client.sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name.client.plain.sasl.jaas.config", serverJaasConfig());
        } else {
            p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
        }
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", String.valueOf(autoCreateTopics));
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        // One node: every internal topic must be satisfiable by one replica, or transactions (exactly_once_v2),
        // consumer groups and share groups stall waiting for replicas that can never exist.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // Tests start consumers one after the other; the 3 s default would only delay every first rebalance.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The 128 MiB default dedupe buffer would sit in the test JVM's heap.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // Two shared cores: the defaults (3 network, 8 I/O threads) only add context switches.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        overrides.forEach(p::put);
        return p;
    }

    private String serverJaasConfig() {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        saslUsers.forEach((user, password) ->
                jaas.append(" user_").append(user).append("=\"").append(jaasEscape(password)).append('"'));
        return jaas.append(';').toString();
    }

    private void formatIfNeeded(Properties props) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path configFile = null;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(logDir);
            configFile = Files.createTempFile("embedded-kafka-", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "embedded-kafka format config");
            }
            int exitCode;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {
                        "format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString()}, print);
            }
            if (exitCode != 0) {
                throw new EmbeddedKafkaException("Formatting the Kafka log directory " + logDir + " failed (exit code "
                        + exitCode + "): " + output.toString(StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot prepare the Kafka log directory " + logDir
                    + ": check that it is writable and the disk is not full", e);
        } catch (EmbeddedKafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EmbeddedKafkaException("Formatting the Kafka log directory " + logDir + " failed: " + e.getMessage()
                    + ". If the directory holds data from another cluster, delete it or pass another logDir. "
                    + output.toString(StandardCharsets.UTF_8).trim(), e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException ignored) {
                    // A leftover temp file of a few hundred bytes is not worth failing a start for.
                }
            }
        }
    }

    private void awaitReady() {
        Map<String, Object> config = clientConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) startupTimeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(startupTimeout.toMillis(), 10_000));
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) startupTimeout.toMillis()))
                    .nodes().get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new EmbeddedKafkaException("The Kafka broker at " + bootstrapServers() + " started but did not answer a"
                    + " metadata request within " + startupTimeout + " (" + cause + "). On a loaded machine raise"
                    + " EmbeddedKafkaBroker.builder().startupTimeout(...); otherwise see the broker log above.", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for the Kafka broker at " + bootstrapServers()
                    + " to become ready", e);
        }
    }

    /**
     * Kafka reports a taken port as a fatal fault whose cause chain does not always survive (see KafkaExitGuard), so
     * after the failed server is shut down, the ports it should have bound are probed: one still taken is the culprit.
     */
    private RuntimeException startFailure(Throwable e, int interBrokerPort) {
        if (!isPortFree(port)) {
            return new PortTaken(port, portInUseMessage(port), e);
        }
        for (int internal : new int[] {controllerPort, interBrokerPort}) {
            if (internal != 0 && !isPortFree(internal)) {
                return new InternalPortTaken(internal, e);
            }
        }
        return new EmbeddedKafkaException("The Kafka broker at " + bootstrapServers() + " (logDir " + logDir
                + ") failed to start; the cause is attached and the broker's ERROR log lines above say more. If the"
                + " log directory holds data from an incompatible broker, delete it or pass another logDir.", e);
    }

    private static String portInUseMessage(int port) {
        return "Port " + port + " on " + HOST + " is already in use (another Kafka broker or a leftover process?), so"
                + " the embedded Kafka broker cannot listen there. Use EmbeddedKafkaBroker.builder().port(0) to pick a"
                + " free port, choose another port, or stop the process holding it (`ss -ltnp 'sport = :" + port
                + "'` shows which).";
    }

    /** The client port is taken. */
    private static final class PortTaken extends EmbeddedKafkaException {
        private static final long serialVersionUID = 1L;

        PortTaken(int port, String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A controller or inter-broker port picked by this class was taken before Kafka bound it: worth a retry. */
    private static final class InternalPortTaken extends EmbeddedKafkaException {
        private static final long serialVersionUID = 1L;
        private final int port;

        InternalPortTaken(int port, Throwable cause) {
            super("Internal listener port " + port + " on " + HOST + " was taken before the broker could bind it", cause);
            this.port = port;
        }
    }

    // ---- stop -------------------------------------------------------------------------------------------

    /** Runs Kafka's blocking shutdown on a helper thread so that the caller's timeout and interrupts are honoured. */
    private void shutdownServer(KafkaRaftServer target, Duration timeout) {
        Thread stopper = new Thread(() -> {
            try {
                target.shutdown();
                target.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("Error while shutting down the Kafka broker at {}", bootstrapServers(), e);
            }
        }, "embedded-kafka-stop-" + port);
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping the Kafka broker at {}; it finishes shutting down in the background",
                    bootstrapServers());
            return;
        }
        if (stopper.isAlive()) {
            LOG.warn("The Kafka broker at {} did not shut down within {}; it finishes in the background",
                    bootstrapServers(), timeout);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static void requirePortFree(int port) {
        if (!isPortFree(port)) {
            throw new PortTaken(port, portInUseMessage(port), null);
        }
    }

    private static boolean isPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot find a free TCP port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the Kafka log directory {}: {}; delete it by hand", dir, e.toString());
        }
    }

    /**
     * Configures and starts an {@link EmbeddedKafkaBroker}. Not thread-safe; use one builder per broker.
     */
    public static final class Builder {
        private int port = 0;
        private Path logDir;
        private final Map<String, String> saslUsers = new LinkedHashMap<>();
        private boolean autoCreateTopics;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Duration ownerCloseGrace = Duration.ZERO;

        private Builder() {
        }

        /** Client port on 127.0.0.1; 0 (the default) picks a free port once and keeps it across restarts. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Where the broker keeps its data; kept on close. Without it, a temporary directory is created and
         * deleted on {@link EmbeddedKafkaBroker#close()}. An already formatted directory is reused as is.
         */
        public Builder logDir(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir");
            return this;
        }

        /**
         * Requires SASL/PLAIN on the client listener, accepting exactly these users (name to password). The first
         * entry (in the map's iteration order) is the one {@link EmbeddedKafkaBroker#clientConfig()} uses.
         */
        public Builder saslPlain(Map<String, String> passwordsByUser) {
            if (passwordsByUser.isEmpty()) {
                throw new IllegalArgumentException("saslPlain needs at least one user, e.g. Map.of(\"app\", \"app-secret\")");
            }
            passwordsByUser.forEach((user, password) -> {
                if (user == null || !SASL_USER.matcher(user).matches()) {
                    throw new IllegalArgumentException("SASL user name '" + user + "' is not allowed: use letters, digits,"
                            + " '.', '_', '@' or '-' (it becomes a JAAS option key user_<name>)");
                }
                Objects.requireNonNull(password, () -> "password of SASL user '" + user + "'");
            });
            saslUsers.clear();
            saslUsers.putAll(passwordsByUser);
            return this;
        }

        /** Lets producers and consumers create topics by using them (default false: create topics explicitly). */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** Sets any broker property, overriding this class's choice; for the rare test that needs one. */
        public Builder brokerProperty(String name, String value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * When the JVM shuts down (Ctrl-C) and the owner closes the broker from its own shutdown hook, how long the
         * broker's hook waits for that before closing the broker itself (default 0: at once). The demo closes its
         * processor first, then the broker.
         */
        public Builder ownerCloseGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("ownerCloseGrace must not be negative, got " + grace);
            }
            this.ownerCloseGrace = grace;
            return this;
        }

        /** How long {@link #start()} waits for the broker to answer (default 60 s, for a loaded CI machine). */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /** Starts the broker and returns once it answers a metadata request. */
        public EmbeddedKafkaBroker start() {
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnce();
                } catch (PortTaken e) {
                    // A port we chose ourselves was grabbed by someone else in between: choose again.
                    if (port != 0 || attempt == START_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        private EmbeddedKafkaBroker startOnce() {
            int resolvedPort = port == 0 ? freePort() : port;
            requirePortFree(resolvedPort);
            Path dir = logDir;
            boolean temporary = dir == null;
            if (temporary) {
                try {
                    dir = Files.createTempDirectory("embedded-kafka-");
                } catch (IOException e) {
                    throw new EmbeddedKafkaException("Cannot create a temporary Kafka log directory in "
                            + System.getProperty("java.io.tmpdir") + ": " + e.getMessage()
                            + "; pass one with EmbeddedKafkaBroker.builder().logDir(...)", e);
                }
            }
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(this, resolvedPort, dir, temporary);
            KafkaExitGuard.acquire();
            // Registered before starting, so a JVM that exits mid-start still cleans up.
            Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
            try {
                synchronized (broker) {
                    broker.startServer();
                }
            } catch (RuntimeException | Error e) {
                broker.close(DEFAULT_STOP_TIMEOUT);
                throw e;
            }
            return broker;
        }
    }
}
