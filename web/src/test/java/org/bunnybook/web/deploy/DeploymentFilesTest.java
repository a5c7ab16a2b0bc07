package org.bunnybook.web.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deployment files agree with each other: docker-compose.yml's application nodes are exactly nginx's upstreams and
 * Prometheus's targets, every node waits for the stores, nginx passes WebSocket upgrades on. Where Docker Compose
 * is installed, {@code docker compose config} checks the compose file too; elsewhere the parsers here do.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void threeApplicationNodesWaitForTheStoresAndEveryNameTheyUseExists() throws IOException {
        Map<String, Object> compose = yaml("docker-compose.yml");
        Map<String, Map<String, Object>> services = map(compose.get("services"));

        assertThat(appNodes(services)).containsExactly("app1", "app2", "app3");
        for (String node : appNodes(services)) {
            Map<String, Object> service = services.get(node);
            Map<String, Object> environment = map(service.get("environment"));
            assertThat(environment).as(node).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATA_REDIS_HOST",
                    "SPRING_NEO4J_URI", "BUNNYBOOK_JWT_SECRET", "BUNNYBOOK_INTEGRITY_KEY").containsEntry("BUNNYBOOK_EMBEDDED_ENABLED", "false");
            assertThat(map(service.get("depends_on")).keySet()).as(node).contains("postgres", "redis", "neo4j");
            assertThat(service).as(node).containsKey("healthcheck");
        }
        services.forEach((name, service) -> assertThat(dependencies(service)).as("what %s waits for", name)
                .isSubsetOf(services.keySet()));
        Set<String> declaredVolumes = map(compose.get("volumes")).keySet();
        services.forEach((name, service) -> namedVolumes(service).forEach(volume ->
                assertThat(declaredVolumes).as("volume %s of %s", volume, name).contains(volume)));
    }

    @Test
    void nginxSpreadsOverEveryNodeAndPassesWebSocketUpgradesOn() throws IOException {
        NginxConfig nginx = NginxConfig.parse(Files.readString(ROOT.resolve("deploy/nginx.conf")));
        Set<String> nodes = appNodes(map(yaml("docker-compose.yml").get("services")));

        NginxConfig.Directive upstream = nginx.all("upstream").findFirst().orElseThrow();
        assertThat(upstream.all("server").map(server -> server.args().get(0)))
                .containsExactlyInAnyOrderElementsOf(nodes.stream().map(node -> node + ":8080").toList());
        NginxConfig.Directive server = nginx.all("server").findFirst().orElseThrow();
        assertThat(server.all("location").map(location -> location.args().get(0))).contains("/", "/ws");
        server.all("location").forEach(location -> assertThat(location.all("proxy_pass")
                .map(pass -> pass.args().get(0))).as(location.args().toString())
                .containsExactly("http://" + upstream.args().get(0)));
        NginxConfig.Directive webSocket = server.all("location").filter(l -> l.args().equals(List.of("/ws")))
                .findFirst().orElseThrow();
        Map<String, String> headers = webSocket.all("proxy_set_header")
                .collect(Collectors.toMap(header -> header.args().get(0), header -> header.args().get(1)));
        assertThat(headers).containsEntry("Upgrade", "$http_upgrade").containsEntry("Connection", "upgrade")
                .containsEntry("X-Forwarded-For", "$remote_addr");
    }

    @Test
    void prometheusScrapesEveryNodeOnItsManagementPort() throws IOException {
        Map<String, Object> prometheus = yaml("deploy/grafana/prometheus.yml");
        Set<String> nodes = appNodes(map(yaml("docker-compose.yml").get("services")));

        List<Map<String, Object>> jobs = list(prometheus.get("scrape_configs"));
        List<String> targets = jobs.stream().flatMap(job -> list(job.get("static_configs")).stream())
                .flatMap(config -> ((List<?>) config.get("targets")).stream()).map(String::valueOf).toList();
        assertThat(targets).containsExactlyInAnyOrderElementsOf(nodes.stream().map(node -> node + ":8081").toList());
    }

    @Test
    void theNginxReaderRefusesWhatNginxWouldRefuse() {
        assertThatThrownBy(() -> NginxConfig.parse("upstream a { server b:1 }")).hasMessageContaining("lacks its ';'");
        assertThatThrownBy(() -> NginxConfig.parse("server { listen 80;")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> NginxConfig.parse("listen 80; }")).hasMessageContaining("closes no block");
        assertThat(NginxConfig.parse("# a comment\nserver { listen \"80\"; }").all("server").findFirst()
                .orElseThrow().all("listen").findFirst().orElseThrow().args()).containsExactly("80");
    }

    @Test
    void theImageIsBuiltWithTheNodeAndNpmThatTheWebUiNeeds() throws IOException {
        // web/pom.xml runs npm in generate-resources: a build stage without it fails before compiling anything
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String build = dockerfile.substring(dockerfile.indexOf(" AS build"));
        build = build.substring(0, build.indexOf("\nFROM ") < 0 ? build.length() : build.indexOf("\nFROM "));
        assertThat(Files.readString(ROOT.resolve("web/pom.xml"))).contains("<executable>npm</executable>");
        assertThat(build).as("the build stage").contains("/usr/local/bin/node").contains("/usr/local/bin/npm")
                .contains("mvnw");
        assertThat(build.indexOf("/usr/local/bin/npm")).as("npm is there before the Maven build runs")
                .isLessThan(build.indexOf("mvnw"));
    }

    @Test
    void dockerComposeAcceptsTheFileWhereItIsInstalled() throws Exception {
        Optional<Run> version = run("docker", "compose", "version");
        if (version.isEmpty() || version.get().exit() != 0) {
            return; // no Docker Compose on this machine: the parsers above stand in for it
        }
        Run config = run("docker", "compose", "config", "--quiet").orElseThrow();
        // the secrets are required on purpose: without them, compose names one rather than calling the file wrong
        assertThat(config.exit() == 0 || config.output().contains("BUNNYBOOK_JWT_SECRET")
                || config.output().contains("BUNNYBOOK_INTEGRITY_KEY")).as(config.output()).isTrue();
    }

    private record Run(int exit, String output) {
    }

    private static Optional<Run> run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
            return Optional.of(new Run(process.exitValue(), output));
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
    }

    private static Set<String> appNodes(Map<String, Map<String, Object>> services) {
        return services.keySet().stream().filter(name -> name.matches("app\\d+"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> dependencies(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof Map<?, ?> named) {
            return named.keySet().stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return dependsOn instanceof List<?> names
                ? names.stream().map(String::valueOf).collect(Collectors.toSet()) : Set.of();
    }

    private static Set<String> namedVolumes(Map<String, Object> service) {
        Object volumes = service.get("volumes");
        if (!(volumes instanceof List<?> mounts)) {
            return Set.of();
        }
        return mounts.stream().map(String::valueOf).map(mount -> mount.split(":")[0])
                .filter(source -> !source.startsWith(".") && !source.startsWith("/")).collect(Collectors.toSet());
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
