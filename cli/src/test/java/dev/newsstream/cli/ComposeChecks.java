package dev.newsstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.newsstream.processor.SettingsLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks, without a Docker engine, that docker-compose.yml, the Dockerfile, .dockerignore, the Maven build, the
 * processor's configuration keys ({@link SettingsLoader}) and docs/configuration.md agree with each other:
 * <ul>
 *   <li>every {@code apache/kafka} image tag equals the root pom's {@code kafka.version};</li>
 *   <li>every {@code NEWSSTREAM_*} variable a service sets is a processor key, a {@code kafka.*} pass-through or a
 *       known launcher/image variable, and is documented in docs/configuration.md, as is every {@code ${VAR}}
 *       the compose file interpolates;</li>
 *   <li>the broker's listeners, advertised listeners, published ports, healthcheck and the clients' bootstrap
 *       addresses fit together;</li>
 *   <li>the processor listens on all interfaces, on the port its {@code ports}, its healthcheck and the
 *       Dockerfile's {@code EXPOSE}/{@code HEALTHCHECK} use, and nothing in it stops {@code --scale} (a fixed
 *       host port, a fixed {@code application.server}, a named state volume);</li>
 *   <li>every {@code depends_on} on the broker waits for {@code service_healthy}, and names existing services;</li>
 *   <li>build contexts, Dockerfiles, bind-mounted files and the Dockerfile's {@code COPY} sources exist and are
 *       not excluded by .dockerignore, and entrypoints under /app are copied into the image.</li>
 * </ul>
 * {@link #check()} returns every problem found, each naming the file and service or line and what to change;
 * an empty list means consistent. The inputs are texts (plus the repository root for paths), so tests can feed
 * deliberately broken copies. Immutable and thread-safe.
 */
final class ComposeChecks {
    static final String KAFKA_IMAGE = "apache/kafka";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR:+alt}}. */
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}");
    private static final Pattern PLAIN = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LISTENER = Pattern.compile("([A-Za-z0-9_]+)://([^,:]*):(\\d+)");
    private static final Pattern BOOTSTRAP_ARG = Pattern.compile("--bootstrap-server[ =]+([^\\s\"',]+)");

    private final Path root;
    private final String compose;
    private final String dockerfile;
    private final String dockerignore;
    private final String kafkaVersion;
    private final String configurationDoc;
    private final List<String> modules;

    ComposeChecks(Path root, String compose, String dockerfile, String dockerignore, String kafkaVersion,
                  String configurationDoc, List<String> modules) {
        this.root = root;
        this.modules = List.copyOf(modules);
        this.compose = compose;
        this.dockerfile = dockerfile;
        this.dockerignore = dockerignore;
        this.kafkaVersion = kafkaVersion;
        this.configurationDoc = configurationDoc;
    }

    /** The checks over the files of a checkout whose root directory is {@code root}. */
    static ComposeChecks forRepository(Path root) throws IOException {
        Path ignore = root.resolve(".dockerignore");
        return new ComposeChecks(root,
                read(root.resolve("docker-compose.yml")),
                read(root.resolve("Dockerfile")),
                Files.exists(ignore) ? read(ignore) : "",
                mavenProperty(root.resolve("pom.xml"), "kafka.version"),
                read(root.resolve("docs/configuration.md")),
                mavenModules(root.resolve("pom.xml")));
    }

    ComposeChecks withCompose(String text) {
        return new ComposeChecks(root, text, dockerfile, dockerignore, kafkaVersion, configurationDoc, modules);
    }

    ComposeChecks withDockerfile(String text) {
        return new ComposeChecks(root, compose, text, dockerignore, kafkaVersion, configurationDoc, modules);
    }

    ComposeChecks withDockerignore(String text) {
        return new ComposeChecks(root, compose, dockerfile, text, kafkaVersion, configurationDoc, modules);
    }

    ComposeChecks withKafkaVersion(String version) {
        return new ComposeChecks(root, compose, dockerfile, dockerignore, version, configurationDoc, modules);
    }

    ComposeChecks withConfigurationDoc(String text) {
        return new ComposeChecks(root, compose, dockerfile, dockerignore, kafkaVersion, text, modules);
    }

    String compose() {
        return compose;
    }

    String dockerfile() {
        return dockerfile;
    }

    String dockerignore() {
        return dockerignore;
    }

    String configurationDoc() {
        return configurationDoc;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** A {@code <properties>} entry of a pom, read with a DOM parser (no Maven model needed). */
    static String mavenProperty(Path pom, String name) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = f.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (Element properties : children(project, "properties")) {
                for (Element p : children(properties, name)) {
                    return p.getTextContent().trim();
                }
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot parse " + pom + ": " + e.getMessage(), e);
        }
        throw new IOException(pom + " has no <properties><" + name + "> entry");
    }

    /** The {@code <modules>} of a pom. */
    static List<String> mavenModules(Path pom) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = f.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            List<String> out = new ArrayList<>();
            for (Element modules : children(project, "modules")) {
                for (Element m : children(modules, "module")) {
                    out.add(m.getTextContent().trim());
                }
            }
            return out;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot parse " + pom + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && tag.equals(e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every inconsistency found, or an empty list. */
    List<String> check() {
        List<String> problems = new ArrayList<>();
        JsonNode doc;
        try {
            doc = YAML.readTree(compose);
        } catch (IOException e) {
            problems.add("docker-compose.yml is not valid YAML: " + e.getMessage());
            return problems;
        }
        JsonNode services = doc == null ? null : doc.get("services");
        if (services == null || !services.isObject() || services.isEmpty()) {
            problems.add("docker-compose.yml has no services");
            return problems;
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        services.properties().forEach(e -> byName.put(e.getKey(), e.getValue()));
        List<Instruction> instructions = instructions(dockerfile);

        checkKafkaImageTags(byName, problems);
        checkEnvironment(byName, problems);
        checkSharedSettingsAgree(byName, problems);
        checkInterpolatedVariablesDocumented(problems);
        checkBrokers(byName, problems);
        checkProcessor(byName, instructions, problems);
        checkDependsOn(byName, problems);
        checkBuildsAndMounts(byName, instructions, problems);
        checkDockerfileCopies(instructions, problems);
        checkEveryModulePomCopied(instructions, problems);
        return problems;
    }

    // ---------------------------------------------------------------- images and environment

    private void checkKafkaImageTags(Map<String, JsonNode> services, List<String> problems) {
        boolean any = false;
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            String image = resolve(s.getValue().path("image").asText(""));
            if (image.equals(KAFKA_IMAGE) || image.startsWith(KAFKA_IMAGE + ":")) {
                any = true;
                String tag = image.contains(":") ? image.substring(image.indexOf(':') + 1) : "(none)";
                if (!tag.equals(kafkaVersion)) {
                    problems.add("docker-compose.yml service '" + s.getKey() + "': image " + image + " has tag " + tag
                            + " but the root pom.xml's kafka.version is " + kafkaVersion
                            + "; use " + KAFKA_IMAGE + ":" + kafkaVersion + " so the broker matches the clients");
                }
            }
        }
        if (!any) {
            problems.add("docker-compose.yml: no service uses the " + KAFKA_IMAGE + " image");
        }
    }

    private void checkEnvironment(Map<String, JsonNode> services, List<String> problems) {
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            for (String name : environment(s.getValue()).keySet()) {
                if (!name.startsWith(SettingsLoader.ENV_PREFIX)) {
                    continue;
                }
                String key = SettingsLoader.envToKey(name);
                boolean read = key.startsWith(SettingsLoader.KAFKA_PREFIX)
                        || SettingsLoader.knownKeys().contains(key)
                        || SettingsLoader.IGNORED_ENV.contains(name);
                if (!read) {
                    problems.add("docker-compose.yml service '" + s.getKey() + "' sets " + name
                            + ", but the application reads no key '" + key + "' (SettingsLoader.knownKeys(): "
                            + SettingsLoader.knownKeys() + ", kafka.*, or launcher variables "
                            + new TreeSet<>(SettingsLoader.IGNORED_ENV) + "); fix the name");
                }
                if (!documented(name)) {
                    problems.add("docker-compose.yml service '" + s.getKey() + "' sets " + name
                            + ", which docs/configuration.md does not mention; document it");
                }
            }
        }
    }

    /**
     * Settings that several services must share: the {@code topics} service creates the topics, so a processor
     * told another partition count or replication factor would describe topics that do not exist.
     */
    private static void checkSharedSettingsAgree(Map<String, JsonNode> services, List<String> problems) {
        for (String name : List.of("NEWSSTREAM_TOPIC_PARTITIONS", "NEWSSTREAM_TOPIC_REPLICATION_FACTOR")) {
            Map<String, String> values = new LinkedHashMap<>();
            services.forEach((service, s) -> {
                String v = environment(s).get(name);
                if (v != null) {
                    values.put(service, v);
                }
            });
            if (new TreeSet<>(values.values()).size() > 1) {
                problems.add("docker-compose.yml: services disagree on " + name + " " + values
                        + "; give them the same value (e.g. the same ${" + name + ":-...} default)");
            }
        }
    }

    private void checkInterpolatedVariablesDocumented(List<String> problems) {
        for (String name : interpolatedVariables(compose)) {
            if (!documented(name)) {
                problems.add("docker-compose.yml interpolates ${" + name
                        + "}, which docs/configuration.md does not mention; document it");
            }
        }
    }

    private boolean documented(String name) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])")
                .matcher(configurationDoc).find();
    }

    /** The names used as {@code ${NAME...}} or {@code $NAME} (not {@code $$NAME}, Compose's escape). */
    static Set<String> interpolatedVariables(String text) {
        String unescaped = text.replace("$$", "");
        Set<String> names = new TreeSet<>();
        Matcher m = BRACED.matcher(unescaped);
        while (m.find()) {
            names.add(m.group(1));
        }
        m = PLAIN.matcher(unescaped);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Compose interpolation as it happens when none of the variables is set: defaults, else empty. */
    static String resolve(String value) {
        StringBuilder out = new StringBuilder();
        Matcher m = BRACED.matcher(value.replace("$$", "\u0000"));
        while (m.find()) {
            String op = m.group(2);
            String replacement = op != null && op.endsWith("-") ? m.group(3) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return PLAIN.matcher(out.toString()).replaceAll("").replace("\u0000", "$");
    }

    /** A service's environment, map or list form, values interpolated with defaults ({@code ""} when unset). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.properties().forEach(f -> env.put(f.getKey(), f.getValue().isNull() ? "" : resolve(f.getValue().asText())));
        } else if (e.isArray()) {
            for (JsonNode item : e) {
                String s = item.asText();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : resolve(s.substring(eq + 1)));
            }
        }
        return env;
    }

    private static List<String> stringList(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.addAll(List.of(node.asText().trim().split("\\s+")));
        }
        return out;
    }

    // ---------------------------------------------------------------- broker

    /** Services running a broker: the Kafka image with KRaft process roles set. */
    private static Map<String, JsonNode> brokers(Map<String, JsonNode> services) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        services.forEach((name, s) -> {
            if (resolve(s.path("image").asText("")).startsWith(KAFKA_IMAGE)
                    && environment(s).containsKey("KAFKA_PROCESS_ROLES")) {
                out.put(name, s);
            }
        });
        return out;
    }

    private static Map<String, String> listeners(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LISTENER.matcher(spec);
        while (m.find()) {
            out.put(m.group(1), m.group(2) + ":" + m.group(3));
        }
        return out;
    }

    private static String port(String hostPort) {
        return hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }

    private void checkBrokers(Map<String, JsonNode> services, List<String> problems) {
        Map<String, JsonNode> brokers = brokers(services);
        if (brokers.isEmpty()) {
            problems.add("docker-compose.yml: no broker service (" + KAFKA_IMAGE + " with KAFKA_PROCESS_ROLES)");
            return;
        }
        Set<String> advertisedAddresses = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> b : brokers.entrySet()) {
            String where = "docker-compose.yml service '" + b.getKey() + "'";
            Map<String, String> env = environment(b.getValue());
            Map<String, String> listeners = listeners(env.getOrDefault("KAFKA_LISTENERS", ""));
            Map<String, String> advertised = listeners(env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
            Set<String> listenerPorts = new TreeSet<>();
            listeners.values().forEach(hp -> listenerPorts.add(port(hp)));
            if (listeners.isEmpty()) {
                problems.add(where + ": KAFKA_LISTENERS is missing or has no NAME://host:port entry");
            }
            for (String name : advertised.keySet()) {
                if (!listeners.containsKey(name)) {
                    problems.add(where + ": advertised listener " + name + " is not in KAFKA_LISTENERS " + listeners.keySet());
                }
            }
            String protocolMap = env.getOrDefault("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "");
            Set<String> mapped = new TreeSet<>();
            for (String entry : protocolMap.split(",")) {
                if (entry.contains(":")) {
                    mapped.add(entry.substring(0, entry.indexOf(':')).trim());
                }
            }
            for (String name : listeners.keySet()) {
                if (!protocolMap.isBlank() && !mapped.contains(name)) {
                    problems.add(where + ": listener " + name + " has no KAFKA_LISTENER_SECURITY_PROTOCOL_MAP entry");
                }
            }
            for (String name : env.getOrDefault("KAFKA_CONTROLLER_LISTENER_NAMES", "").split(",")) {
                if (!name.isBlank() && !listeners.containsKey(name.trim())) {
                    problems.add(where + ": controller listener " + name.trim() + " is not in KAFKA_LISTENERS");
                }
            }
            for (String published : publishedPorts(b.getValue())) {
                if (!listenerPorts.contains(containerPort(published))) {
                    problems.add(where + ": publishes container port " + containerPort(published)
                            + ", which is none of its listener ports " + listenerPorts);
                }
            }
            JsonNode hc = b.getValue().path("healthcheck");
            String test = String.join(" ", stringList(hc.path("test")));
            if (hc.isMissingNode() || hc.path("disable").asBoolean(false) || test.isBlank()) {
                problems.add(where + ": has no healthcheck, so depends_on cannot wait for service_healthy");
            } else {
                Matcher m = BOOTSTRAP_ARG.matcher(resolve(test));
                if (!m.find()) {
                    problems.add(where + ": healthcheck '" + test + "' names no --bootstrap-server to probe");
                } else if (!listenerPorts.contains(port(m.group(1)))) {
                    problems.add(where + ": healthcheck probes " + m.group(1) + ", but port " + port(m.group(1))
                            + " is none of its listener ports " + listenerPorts);
                }
            }
            advertised.values().forEach(hp -> advertisedAddresses.add(hp.startsWith(":") ? b.getKey() + hp : hp));
        }
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            String bootstrap = environment(s.getValue()).get(SettingsLoader.ENV_PREFIX + "BOOTSTRAP_SERVERS");
            if (bootstrap == null) {
                continue;
            }
            for (String address : bootstrap.split(",")) {
                if (!advertisedAddresses.contains(address.trim())) {
                    problems.add("docker-compose.yml service '" + s.getKey() + "': NEWSSTREAM_BOOTSTRAP_SERVERS "
                            + address.trim() + " is no advertised listener of the broker " + advertisedAddresses);
                }
            }
        }
    }

    private static List<String> publishedPorts(JsonNode service) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : service.path("ports")) {
            out.add(p.isObject() ? p.path("target").asText() : resolve(p.asText()));
        }
        return out;
    }

    /** {@code "127.0.0.1:8080-8081:8080/tcp"} → {@code "8080"}. */
    static String containerPort(String shortSyntax) {
        String s = shortSyntax.contains("/") ? shortSyntax.substring(0, shortSyntax.indexOf('/')) : shortSyntax;
        return s.substring(s.lastIndexOf(':') + 1);
    }

    /** {@code "127.0.0.1:8080-8081:8080"} → {@code "8080-8081"}; empty when no host port is given. */
    static String hostPort(String shortSyntax) {
        String[] parts = shortSyntax.split(":");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    // ---------------------------------------------------------------- processor

    /** Services running {@code process}: by their command, or by the image's default CMD when built here. */
    private static Map<String, JsonNode> processors(Map<String, JsonNode> services, List<Instruction> dockerfile) {
        List<String> defaultCmd = List.of();
        for (Instruction i : dockerfile) {
            if (i.keyword().equals("CMD")) {
                defaultCmd = i.arguments();
            }
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            JsonNode svc = s.getValue();
            List<String> command = svc.has("command") ? stringList(svc.get("command"))
                    : svc.has("build") && !svc.has("entrypoint") ? defaultCmd : List.of();
            if (!command.isEmpty() && command.get(0).equals("process")) {
                out.put(s.getKey(), svc);
            }
        }
        return out;
    }

    private void checkProcessor(Map<String, JsonNode> services, List<Instruction> instructions, List<String> problems) {
        Map<String, String> imageEnv = new LinkedHashMap<>();
        Set<String> exposed = new TreeSet<>();
        String imageHealthcheck = null;
        for (Instruction i : instructions) {
            switch (i.keyword()) {
                case "ENV" -> imageEnv.putAll(envInstruction(i.rest()));
                case "EXPOSE" -> i.arguments().forEach(p -> exposed.add(containerPort(p)));
                case "HEALTHCHECK" -> imageHealthcheck = i.rest();
                default -> { }
            }
        }
        String imagePort = resolve(imageEnv.getOrDefault("NEWSSTREAM_HTTP_PORT", SettingsLoader.DEFAULTS.get("http.port")));
        if (!exposed.contains(imagePort)) {
            problems.add("Dockerfile: EXPOSE " + exposed + " does not include the HTTP port " + imagePort);
        }
        if (imageHealthcheck == null) {
            problems.add("Dockerfile: no HEALTHCHECK");
        } else if (!hitsHealth(imageHealthcheck, imagePort)) {
            problems.add("Dockerfile: HEALTHCHECK does not request :" + imagePort + "/health: " + imageHealthcheck);
        }

        Map<String, JsonNode> processors = processors(services, instructions);
        if (processors.isEmpty()) {
            problems.add("docker-compose.yml: no service runs the processor (command 'process')");
        }
        for (Map.Entry<String, JsonNode> p : processors.entrySet()) {
            String where = "docker-compose.yml service '" + p.getKey() + "'";
            Map<String, String> env = new LinkedHashMap<>(imageEnv);
            env.putAll(environment(p.getValue()));
            String port = env.getOrDefault("NEWSSTREAM_HTTP_PORT", SettingsLoader.DEFAULTS.get("http.port"));
            String host = env.getOrDefault("NEWSSTREAM_HTTP_HOST", SettingsLoader.DEFAULTS.get("http.host"));
            if (!host.equals("0.0.0.0") && !host.equals("::")) {
                problems.add(where + ": NEWSSTREAM_HTTP_HOST is " + host
                        + ", unreachable through a published port; set it to 0.0.0.0");
            }
            if (!exposed.contains(port)) {
                problems.add(where + ": the HTTP port " + port + " is not EXPOSEd by the Dockerfile " + exposed);
            }
            for (String published : publishedPorts(p.getValue())) {
                if (!containerPort(published).equals(port)) {
                    problems.add(where + ": publishes container port " + containerPort(published)
                            + " but the HTTP server listens on " + port + " (NEWSSTREAM_HTTP_PORT)");
                }
                String hostPort = hostPort(published);
                if (!hostPort.isEmpty() && !hostPort.contains("-")) {
                    problems.add(where + ": publishes the single host port " + hostPort
                            + ", so a second instance (--scale) cannot start; use a range like 8080-8081");
                }
            }
            JsonNode hc = p.getValue().path("healthcheck");
            if (hc.path("disable").asBoolean(false)) {
                problems.add(where + ": healthcheck disabled, but dependants wait for it to be healthy");
            } else if (hc.has("test") && !hitsHealth(String.join(" ", stringList(hc.get("test"))), port)) {
                problems.add(where + ": healthcheck " + stringList(hc.get("test")) + " does not request :" + port
                        + "/health, the port NEWSSTREAM_HTTP_PORT and EXPOSE give");
            } else if (!hc.has("test") && !imagePort.equals(port)) {
                problems.add(where + ": inherits the image HEALTHCHECK on :" + imagePort + " but listens on " + port);
            }
            String appServer = env.getOrDefault("NEWSSTREAM_APPLICATION_SERVER", "");
            if (!appServer.isBlank()) {
                problems.add(where + ": NEWSSTREAM_APPLICATION_SERVER is fixed to " + appServer
                        + ", so every instance under --scale would advertise the same address; leave it unset"
                        + " (docker/processor-entrypoint.sh derives it per container)");
            }
            String stateDir = env.getOrDefault("NEWSSTREAM_STATE_DIR", "");
            for (JsonNode v : p.getValue().path("volumes")) {
                String source = v.isObject() ? v.path("source").asText("") : volumeSource(v.asText());
                String target = v.isObject() ? v.path("target").asText("") : volumeTarget(v.asText());
                boolean named = !source.isEmpty() && !source.startsWith(".") && !source.startsWith("/")
                        && !source.startsWith("~");
                if (named && target.equals(stateDir)) {
                    problems.add(where + ": the state dir " + stateDir + " is the named volume '" + source
                            + "', which scaled instances would share; use an anonymous volume");
                }
            }
        }
    }

    private static boolean hitsHealth(String healthcheck, String port) {
        return resolve(healthcheck).contains(":" + port + "/health");
    }

    private static String volumeSource(String shortSyntax) {
        String[] parts = resolve(shortSyntax).split(":");
        return parts.length >= 2 ? parts[0] : "";
    }

    private static String volumeTarget(String shortSyntax) {
        String[] parts = resolve(shortSyntax).split(":");
        return parts.length >= 2 ? parts[1] : parts[0];
    }

    // ---------------------------------------------------------------- depends_on

    private static void checkDependsOn(Map<String, JsonNode> services, List<String> problems) {
        Set<String> brokers = brokers(services).keySet();
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            JsonNode deps = s.getValue().path("depends_on");
            Map<String, String> conditions = new LinkedHashMap<>();
            if (deps.isArray()) {
                deps.forEach(d -> conditions.put(d.asText(), "(none: short form)"));
            } else if (deps.isObject()) {
                deps.properties().forEach(d ->
                        conditions.put(d.getKey(), d.getValue().path("condition").asText("(none)")));
            }
            conditions.forEach((dep, condition) -> {
                if (!services.containsKey(dep)) {
                    problems.add("docker-compose.yml service '" + s.getKey() + "' depends on unknown service '" + dep + "'");
                } else if (brokers.contains(dep) && !condition.equals("service_healthy")) {
                    problems.add("docker-compose.yml service '" + s.getKey() + "' depends on '" + dep
                            + "' with condition " + condition + "; use condition: service_healthy, or it starts"
                            + " before the broker accepts connections");
                }
            });
        }
    }

    // ---------------------------------------------------------------- builds, mounts, Dockerfile

    private void checkBuildsAndMounts(Map<String, JsonNode> services, List<Instruction> instructions,
                                      List<String> problems) {
        Set<String> imagePaths = pathsCopiedIntoImage(instructions);
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            String where = "docker-compose.yml service '" + s.getKey() + "'";
            JsonNode build = s.getValue().get("build");
            if (build != null) {
                String context = resolve(build.isTextual() ? build.asText() : build.path("context").asText("."));
                String file = resolve(build.path("dockerfile").asText("Dockerfile"));
                Path dir = root.resolve(context).normalize();
                if (!Files.isDirectory(dir)) {
                    problems.add(where + ": build context " + context + " is not a directory of the repository");
                } else if (!Files.isRegularFile(dir.resolve(file))) {
                    problems.add(where + ": build dockerfile " + file + " does not exist in context " + context);
                }
                List<String> entrypoint = stringList(s.getValue().path("entrypoint"));
                if (!entrypoint.isEmpty() && entrypoint.get(0).startsWith("/app/")
                        && !imagePaths.contains(entrypoint.get(0))) {
                    problems.add(where + ": entrypoint " + entrypoint.get(0)
                            + " is not copied into the image by any Dockerfile COPY");
                }
            }
            for (JsonNode v : s.getValue().path("volumes")) {
                String source = v.isObject() ? v.path("source").asText("") : volumeSource(v.asText());
                if (source.startsWith(".") && !Files.exists(root.resolve(source).normalize())) {
                    problems.add(where + ": bind-mounts " + source + ", which does not exist in the repository");
                }
            }
        }
        for (Instruction i : instructions) {
            if (i.keyword().equals("ENTRYPOINT") && !i.arguments().isEmpty() && i.arguments().get(0).startsWith("/app/")
                    && !imagePaths.contains(i.arguments().get(0))) {
                problems.add("Dockerfile line " + i.line() + ": ENTRYPOINT " + i.arguments().get(0)
                        + " is not copied into the image by any COPY");
            }
        }
    }

    /** Image paths that local COPY instructions create (destination dir + file name, or the destination). */
    private static Set<String> pathsCopiedIntoImage(List<Instruction> instructions) {
        Set<String> out = new TreeSet<>();
        for (Instruction i : instructions) {
            Copy c = Copy.of(i);
            if (c == null || c.fromStage()) {
                continue;
            }
            for (String src : c.sources()) {
                String name = Path.of(src).getFileName() == null ? src : Path.of(src).getFileName().toString();
                out.add(c.destination().endsWith("/") ? c.destination() + name : c.destination());
            }
        }
        return out;
    }

    private void checkDockerfileCopies(List<Instruction> instructions, List<String> problems) {
        List<IgnoreRule> ignore = IgnoreRule.parse(dockerignore);
        for (Instruction i : instructions) {
            Copy c = Copy.of(i);
            if (c == null || c.fromStage()) {
                continue;
            }
            for (String src : c.sources()) {
                String rel = src.startsWith("./") ? src.substring(2) : src;
                rel = rel.endsWith("/") && rel.length() > 1 ? rel.substring(0, rel.length() - 1) : rel;
                if (!exists(rel)) {
                    problems.add("Dockerfile line " + i.line() + ": " + i.keyword() + " source '" + src
                            + "' matches nothing in the repository");
                    continue;
                }
                String rule = IgnoreRule.excludedBy(ignore, rel);
                if (rule != null) {
                    problems.add("Dockerfile line " + i.line() + ": " + i.keyword() + " source '" + src
                            + "' is excluded from the build context by .dockerignore pattern '" + rule + "'");
                }
            }
        }
    }

    /** Maven reads every module's pom, so the pom-only dependency layer needs all of them in the image. */
    private void checkEveryModulePomCopied(List<Instruction> instructions, List<String> problems) {
        Set<String> copied = new TreeSet<>();
        for (Instruction i : instructions) {
            Copy c = Copy.of(i);
            if (c != null && !c.fromStage()) {
                c.sources().forEach(src -> copied.add(src.startsWith("./") ? src.substring(2) : src));
            }
        }
        for (String module : modules) {
            if (!copied.contains(module + "/pom.xml")) {
                problems.add("Dockerfile: no COPY of " + module + "/pom.xml, but the root pom lists module '" + module
                        + "' and Maven reads every module's pom; add COPY " + module + "/pom.xml " + module + "/");
            }
        }
    }

    /** Whether a path (glob segments allowed: {@code *}, {@code ?}, {@code [..]}) matches something under root. */
    private boolean exists(String relative) {
        if (relative.isEmpty() || relative.equals(".")) {
            return true;
        }
        List<Path> current = List.of(root);
        for (String segment : relative.split("/")) {
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!segment.matches(".*[*?\\[].*")) {
                    Path p = dir.resolve(segment);
                    if (Files.exists(p)) {
                        next.add(p);
                    }
                } else if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, segment)) {
                        ds.forEach(next::add);
                    } catch (IOException e) {
                        return false;
                    }
                }
            }
            current = next;
        }
        return !current.isEmpty();
    }

    private static Map<String, String> envInstruction(String rest) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(rest);
        while (m.find()) {
            String v = m.group(2);
            out.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        if (out.isEmpty()) { // legacy form: ENV NAME value
            String[] kv = rest.trim().split("\\s+", 2);
            out.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return out;
    }

    // ---------------------------------------------------------------- Dockerfile parsing

    /** One Dockerfile instruction, continuation lines joined, starting at {@code line} (1-based). */
    record Instruction(int line, String keyword, String rest) {
        /** Exec-form JSON array, else whitespace-separated words. */
        List<String> arguments() {
            String r = rest.trim();
            if (r.startsWith("[")) {
                try {
                    List<String> out = new ArrayList<>();
                    JSON.readTree(r).forEach(n -> out.add(n.asText()));
                    return out;
                } catch (IOException e) {
                    // not JSON after all: shell form
                }
            }
            return r.isEmpty() ? List.of() : List.of(r.split("\\s+"));
        }
    }

    static List<Instruction> instructions(String dockerfile) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = dockerfile.split("\r?\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (current == null && trimmed.isEmpty())) {
                continue; // comments (also inside continuations) and blank lines
            }
            if (current == null) {
                current = new StringBuilder();
                start = n + 1;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String text = current.toString().trim();
                String[] kw = text.split("\\s+", 2);
                out.add(new Instruction(start, kw[0].toUpperCase(Locale.ROOT), kw.length > 1 ? kw[1] : ""));
                current = null;
            }
        }
        return out;
    }

    /** A COPY or ADD: sources relative to the build context (or a stage), and the destination. */
    record Copy(boolean fromStage, List<String> sources, String destination) {
        static Copy of(Instruction i) {
            if (!i.keyword().equals("COPY") && !i.keyword().equals("ADD")) {
                return null;
            }
            String rest = i.rest().trim();
            boolean from = false;
            while (rest.startsWith("--")) {
                String[] flag = rest.split("\\s+", 2);
                from |= flag[0].startsWith("--from=");
                rest = flag.length > 1 ? flag[1].trim() : "";
            }
            List<String> args = new Instruction(i.line(), i.keyword(), rest).arguments();
            if (args.size() < 2) {
                return new Copy(from, List.of(), args.isEmpty() ? "" : args.get(0));
            }
            return new Copy(from, args.subList(0, args.size() - 1), args.get(args.size() - 1));
        }
    }

    /** One .dockerignore line; later lines win, {@code !} re-includes. */
    record IgnoreRule(String pattern, boolean negated, List<PathMatcher> matchers) {
        static List<IgnoreRule> parse(String dockerignore) {
            List<IgnoreRule> rules = new ArrayList<>();
            for (String raw : dockerignore.split("\r?\n")) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean negated = line.startsWith("!");
                String p = (negated ? line.substring(1) : line).trim();
                p = p.startsWith("/") ? p.substring(1) : p;
                p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                List<PathMatcher> matchers = new ArrayList<>();
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
                if (p.startsWith("**/")) { // Docker's **/x also matches x at the top
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p.substring(3)));
                }
                rules.add(new IgnoreRule(line, negated, matchers));
            }
            return rules;
        }

        /** The pattern that leaves {@code relative} (or a parent directory of it) out of the context, or null. */
        static String excludedBy(List<IgnoreRule> rules, String relative) {
            String excludedBy = null;
            for (IgnoreRule r : rules) {
                for (Path p = Path.of(relative); p != null; p = p.getParent()) {
                    Path candidate = p;
                    if (r.matchers().stream().anyMatch(m -> m.matches(candidate))) {
                        excludedBy = r.negated() ? null : r.pattern();
                        break;
                    }
                }
            }
            return excludedBy;
        }
    }
}
