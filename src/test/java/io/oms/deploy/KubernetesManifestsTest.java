package io.oms.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kubernetes manifests in k8s/ against the application they deploy. Every file parses into typed Kubernetes
 * objects with no field Kubernetes would not know; the base and each overlay, rendered as kustomize does, probe
 * the health endpoints on the port the application listens on, give it only variables it reads, and refer only
 * to Secrets and ConfigMaps that exist or that k8s/README.md tells the operator to create. Expectations come
 * from application.properties (prod profile, the one the image runs), not from copies of its values. Plain
 * JUnit: no cluster, no kubectl.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("k8s");
    private static final Path README = K8S.resolve("README.md");
    private static final ApplicationProperties APP =
            ApplicationProperties.load(Path.of("src/main/resources/application.properties"));
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    /** API groups of the custom resources whose operators k8s/README.md lists as prerequisites. */
    private static final Set<String> CUSTOM_RESOURCE_GROUPS = Set.of("postgresql.cnpg.io", "monitoring.coreos.com");
    /** The keys of the Secret "<cluster>-app" that CloudNativePG generates for a Cluster's application user. */
    private static final Set<String> CNPG_APP_SECRET_KEYS = Set.of(
            "username",
            "user",
            "password",
            "host",
            "port",
            "dbname",
            "pgpass",
            "uri",
            "jdbc-uri",
            "fqdn-uri",
            "fqdn-jdbc-uri");

    private static final int POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;
    /**
     * A pod's connections besides its request pool and its routing lane: the LISTEN one for routing jobs, Flyway's
     * at start-up.
     */
    private static final int CONNECTIONS_BESIDES_THE_POOLS = 2;
    /** superuser_reserved_connections (3) and the operator's own monitoring connections. */
    private static final int CONNECTIONS_KEPT_FREE = 10;
    /** Flyway migrates before the application reports started: the kubelet must wait at least this long. */
    private static final int MIN_STARTUP_SECONDS = 60;
    /** The rest of the memory limit is for thread stacks, network buffers and the image's own code. */
    private static final double MAX_HEAP_SHARE_OF_MEMORY_LIMIT = 0.75;

    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");

    /** The base or an overlay, rendered: the objects {@code kubectl apply -k} would send. */
    record Rendering(String name, List<HasMetadata> objects) {
        static Rendering of(Path directory) {
            return new Rendering(
                    K8S.relativize(directory).toString(),
                    Kustomization.in(directory).render().stream()
                            .map(object -> typed(object, directory))
                            .collect(Collectors.toList()));
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
        }

        <T extends HasMetadata> Optional<T> optional(Class<T> type) {
            List<T> found = all(type);
            assertTrue(found.size() <= 1, name + " has " + found.size() + " " + type.getSimpleName() + " objects");
            return found.stream().findFirst();
        }

        <T extends HasMetadata> T only(Class<T> type) {
            return optional(type).orElseThrow(() -> new AssertionError(name + " has no " + type.getSimpleName()));
        }

        List<GenericKubernetesResource> postgresClusters() {
            return all(GenericKubernetesResource.class).stream()
                    .filter(resource -> resource.getApiVersion().startsWith("postgresql.cnpg.io/")
                            && "Cluster".equals(resource.getKind()))
                    .collect(Collectors.toList());
        }

        Deployment deployment() {
            return only(Deployment.class);
        }

        PodSpec pod() {
            return deployment().getSpec().getTemplate().getSpec();
        }

        /** The application's container: the one container of the Deployment. */
        Container container() {
            List<Container> containers = pod().getContainers();
            assertEquals(1, containers.size(), name + ": the Deployment should run one container, the service");
            return containers.get(0);
        }

        /** The migration step: the init container that runs the same image to migrate and exit. */
        Container migration() {
            List<Container> init = orEmpty(pod().getInitContainers());
            assertEquals(1, init.size(), name + ": the Deployment should have one init container, the migration");
            return init.get(0);
        }

        /** Every container of the pod: the migration step, then the service. */
        List<Container> allContainers() {
            List<Container> all = new ArrayList<>(orEmpty(pod().getInitContainers()));
            all.addAll(pod().getContainers());
            return all;
        }

        /** Custom resources of one kind (PodMonitor, PrometheusRule, ScheduledBackup...). */
        List<GenericKubernetesResource> custom(String kind) {
            return all(GenericKubernetesResource.class).stream()
                    .filter(resource -> kind.equals(resource.getKind()))
                    .collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rendering> renderings() {
        return Stream.concat(Stream.of(K8S.resolve("base")), overlayDirectories().stream())
                .map(Rendering::of);
    }

    static Stream<Rendering> renderingsWithAPostgresCluster() {
        return renderings().filter(rendering -> !rendering.postgresClusters().isEmpty());
    }

    static List<Path> overlayDirectories() {
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            return overlays.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The files

    @Test
    void everyManifestParsesIntoTypedKubernetesObjectsWithoutUnknownFields() {
        List<String> problems = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (ObjectNode document : Kustomization.documents(file)) {
                document.remove("$patch");
                HasMetadata object = typed(document, file);
                if (object instanceof GenericKubernetesResource) {
                    String group = object.getApiVersion().contains("/")
                            ? object.getApiVersion().split("/")[0]
                            : "";
                    if (!CUSTOM_RESOURCE_GROUPS.contains(group)) {
                        problems.add(file + ": " + object.getApiVersion() + " " + object.getKind()
                                + " is no kind the Kubernetes model knows (a typo in apiVersion or kind?)");
                    }
                    continue;
                }
                List<String> unknown = new ArrayList<>();
                collectUnknownFields(object, object.getKind(), unknown);
                unknown.forEach(field -> problems.add(file + ": unknown field " + field));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void valuesKubernetesTakesOnlyAsStringsAreQuoted() {
        List<String> problems = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (ObjectNode document : Kustomization.documents(file)) {
                collectUnquotedStrings(
                        document,
                        file + ": " + document.path("kind").asText(),
                        "ConfigMap".equals(document.path("kind").asText()),
                        problems);
            }
        }
        assertTrue(
                problems.isEmpty(),
                "The API server rejects numbers and booleans here; quote them:\n" + String.join("\n", problems));
    }

    @Test
    void everyPathAKustomizationNamesExists() {
        List<String> missing = new ArrayList<>();
        for (Path directory : kustomizationDirectories()) {
            Kustomization kustomization = Kustomization.in(directory);
            for (Path resource : kustomization.resources()) {
                boolean exists = Files.isDirectory(resource)
                        ? Files.isRegularFile(resource.resolve(Kustomization.FILE_NAME))
                        : Files.isRegularFile(resource);
                if (!exists) {
                    missing.add(directory + " names resource " + resource + ", which is neither a file nor a "
                            + "directory with a " + Kustomization.FILE_NAME);
                }
            }
            kustomization.patches().stream()
                    .filter(patch -> !Files.isRegularFile(patch))
                    .forEach(patch -> missing.add(directory + " names patch " + patch + ", which does not exist"));
            kustomization.components().stream()
                    .filter(component -> !Files.isRegularFile(component.resolve(Kustomization.FILE_NAME)))
                    .forEach(component -> missing.add(directory + " names component " + component
                            + ", which is no directory with a " + Kustomization.FILE_NAME));
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void everyManifestIsUsedByAKustomization() {
        Set<Path> used = new HashSet<>();
        for (Path directory : kustomizationDirectories()) {
            Kustomization kustomization = Kustomization.in(directory);
            used.addAll(kustomization.resources());
            used.addAll(kustomization.patches());
        }
        List<Path> unused = manifestFiles().stream()
                .map(Path::normalize)
                .filter(file -> !used.contains(file))
                .collect(Collectors.toList());
        assertTrue(unused.isEmpty(), "Not named by any kustomization.yaml, so never applied: " + unused);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlayDirectories")
    void everyPatchTargetsAnObjectOfItsBase(Path overlay) {
        Kustomization kustomization = Kustomization.in(overlay);
        List<ObjectNode> base = kustomization.resourceObjects();
        for (Path patchFile : kustomization.patches()) {
            for (ObjectNode patch : Kustomization.documents(patchFile)) {
                assertNotNull(Kustomization.target(patch, base, patchFile));
            }
        }
    }

    // The base and each overlay, rendered

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void probesAskTheApplicationsHealthEndpointsOnItsPort(Rendering rendering) {
        Container container = rendering.container();
        Probe startup = container.getStartupProbe();
        assertProbe(rendering, startup, "startupProbe", APP.startupPath());
        assertProbe(rendering, container.getLivenessProbe(), "livenessProbe", APP.livenessPath());
        assertProbe(rendering, container.getReadinessProbe(), "readinessProbe", APP.readinessPath());
        int startupSeconds = orDefault(startup.getPeriodSeconds(), 10) * orDefault(startup.getFailureThreshold(), 3);
        assertTrue(
                startupSeconds >= MIN_STARTUP_SECONDS,
                rendering + ": the startupProbe gives up after " + startupSeconds
                        + "s; Flyway migrates before start-up completes, allow " + MIN_STARTUP_SECONDS + "s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void serviceSendsTrafficToThePublicPortOnly(Rendering rendering) {
        assertTrue(
                APP.managementInterfaceEnabled() && APP.operationsPort() != APP.httpPort(),
                "health and metrics must be served on a port of their own (quarkus.management.enabled)");
        Service service = rendering.only(Service.class);
        assertSelects(
                rendering,
                "Service " + service.getMetadata().getName(),
                service.getSpec().getSelector());
        for (ServicePort port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
            assertEquals(
                    APP.httpPort(),
                    containerPort(rendering, target),
                    rendering + ": Service port "
                            + port.getName()
                            + " sends traffic to a port other than the public one (the management port "
                            + "must not be reachable through the Service an Ingress exposes)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void containerDeclaresThePublicAndTheManagementPort(Rendering rendering) {
        Map<String, Integer> ports = orEmpty(rendering.container().getPorts()).stream()
                .collect(Collectors.toMap(port -> port.getName(), port -> port.getContainerPort()));
        assertEquals(
                Map.of("http", APP.httpPort(), "management", APP.operationsPort()),
                ports,
                rendering + ": container ports (by name) are not those application.properties listens on");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void prometheusScrapesTheMetricsEndpoint(Rendering rendering) {
        Map<String, String> annotations =
                rendering.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        assertNotNull(annotations, rendering + ": the pod template has no prometheus.io annotations");
        assertEquals("true", annotations.get("prometheus.io/scrape"), rendering + ": prometheus.io/scrape");
        assertEquals(
                String.valueOf(APP.operationsPort()),
                annotations.get("prometheus.io/port"),
                rendering + ": prometheus.io/port is not the application's management port");
        assertEquals(
                APP.metricsPath(),
                annotations.get("prometheus.io/path"),
                rendering + ": prometheus.io/path is not the application's Prometheus endpoint");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podRunsAsNonRootOnAReadOnlyRootFilesystem(Rendering rendering) {
        for (Container container : rendering.allContainers()) {
            assertContainerIsRestricted(
                    new Rendering(rendering.name() + " (container " + container.getName() + ")", rendering.objects()),
                    container);
        }
    }

    private static void assertContainerIsRestricted(Rendering rendering, Container container) {
        PodSpec pod = rendering.pod();
        PodSecurityContext podContext =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        SecurityContext context = container.getSecurityContext();
        assertNotNull(context, rendering + ": the container has no securityContext");
        assertEquals(
                Boolean.TRUE,
                firstNonNull(context.getRunAsNonRoot(), podContext.getRunAsNonRoot()),
                rendering + ": runAsNonRoot");
        Long user = firstNonNull(context.getRunAsUser(), podContext.getRunAsUser());
        assertTrue(user != null && user != 0, rendering + ": runAsUser must name a non-root UID, is " + user);
        assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), rendering + ": readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), rendering + ": allowPrivilegeEscalation");
        assertTrue(
                context.getCapabilities() != null
                        && context.getCapabilities().getDrop().contains("ALL"),
                rendering + ": capabilities must drop ALL");
        var seccomp = firstNonNull(context.getSeccompProfile(), podContext.getSeccompProfile());
        assertTrue(
                seccomp != null && Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType()),
                rendering + ": seccompProfile must be RuntimeDefault (or Localhost)");
        assertEquals(
                Boolean.FALSE,
                pod.getAutomountServiceAccountToken(),
                rendering + ": the service never calls the Kubernetes API; do not mount a token");
        Volume tmp = mountedVolume(rendering, container, "/tmp")
                .orElseThrow(() -> new AssertionError(
                        rendering + ": the root filesystem is read-only, so /tmp must be a mounted volume"));
        assertNotNull(tmp.getEmptyDir(), rendering + ": /tmp should be an emptyDir");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void containerRequestsAndLimitsCpuAndMemoryWithTheHeapCappedBelowTheLimit(Rendering rendering) {
        for (Container container : rendering.allContainers()) {
            assertResourcesAndHeap(
                    new Rendering(rendering.name() + " (container " + container.getName() + ")", rendering.objects()),
                    container);
        }
    }

    private static void assertResourcesAndHeap(Rendering rendering, Container container) {
        assertNotNull(container.getResources(), rendering + ": no resources");
        Map<String, Quantity> requests = orEmpty(container.getResources().getRequests());
        Map<String, Quantity> limits = orEmpty(container.getResources().getLimits());
        for (String resource : List.of("cpu", "memory")) {
            assertTrue(requests.containsKey(resource), rendering + ": no " + resource + " request");
            assertTrue(limits.containsKey(resource), rendering + ": no " + resource + " limit");
            assertTrue(
                    requests.get(resource)
                                    .getNumericalAmount()
                                    .compareTo(limits.get(resource).getNumericalAmount())
                            <= 0,
                    rendering + ": the " + resource + " request exceeds its limit");
        }
        List<String> heapCaps = orEmpty(container.getArgs()).stream()
                .filter(arg -> arg.startsWith("-Xmx"))
                .collect(Collectors.toList());
        assertEquals(
                1, heapCaps.size(), rendering + ": the native executable needs one -Xmx argument, has " + heapCaps);
        String heapSize = heapCaps.get(0).substring(4).toUpperCase(Locale.ROOT).replaceFirst("([KMGT])$", "$1i");
        BigDecimal heap = new Quantity(heapSize).getNumericalAmount();
        BigDecimal memoryLimit = limits.get("memory").getNumericalAmount();
        assertTrue(
                heap.compareTo(memoryLimit.multiply(BigDecimal.valueOf(MAX_HEAP_SHARE_OF_MEMORY_LIMIT))) <= 0,
                rendering + ": " + heapCaps.get(0) + " leaves too little of the " + limits.get("memory")
                        + " memory limit outside the heap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyVariableIsOneTheApplicationReads(Rendering rendering) {
        List<String> problems = new ArrayList<>();
        for (Container container : rendering.allContainers()) {
            checkVariablesAreRead(environment(rendering, container), problems, container.getName() + ": ");
        }
        assertTrue(problems.isEmpty(), rendering + ":\n" + String.join("\n", problems));
    }

    private static void checkVariablesAreRead(Map<String, String> environment, List<String> problems, String prefix) {
        Set<String> read = APP.environmentVariablesRead();
        Set<String> composing = new TreeSet<>();
        List<String> defined = new ArrayList<>();
        for (String name : environment.keySet()) {
            String value = environment.get(name);
            Matcher reference = VARIABLE_REFERENCE.matcher(value == null ? "" : value);
            while (reference.find()) {
                composing.add(reference.group(1));
                if (!defined.contains(reference.group(1))) {
                    problems.add(
                            prefix + name + " refers to $(" + reference.group(1) + "), which is not defined before it "
                                    + "(Kubernetes expands only variables defined earlier in the list)");
                }
            }
            defined.add(name);
        }
        for (String name : environment.keySet()) {
            if (!read.contains(name) && !composing.contains(name)) {
                problems.add(prefix + name + " is neither read by application.properties (prod) nor used to "
                        + "compose a variable that is");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyVariableTheApplicationRequiresInProdIsSet(Rendering rendering) {
        for (Container container : rendering.allContainers()) {
            Map<String, String> environment = environment(rendering, container);
            // A literal empty value counts as unset (SmallRye Config); a value from a Secret (null here) as set.
            List<Set<String>> missing = APP.environmentVariablesRequired().stream()
                    .filter(alternatives -> alternatives.stream()
                            .noneMatch(name -> environment.containsKey(name) && !"".equals(environment.get(name))))
                    .collect(Collectors.toList());
            assertTrue(
                    missing.isEmpty(),
                    rendering + ", container " + container.getName() + ": application."
                            + "properties has no default for " + missing
                            + " (one of each set is needed), so it would not "
                            + "start");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everySecretAndConfigMapReferencedExistsOrIsCreatedAsTheReadmeShows(Rendering rendering) {
        List<String> problems = new ArrayList<>();
        for (Container container : rendering.allContainers()) {
            checkReferences(rendering, container, problems);
        }
        for (Volume volume : rendering.pod().getVolumes()) {
            if (volume.getSecret() != null) {
                List<String> keys = orEmpty(volume.getSecret().getItems()).stream()
                        .map(KeyToPath::getKey)
                        .collect(Collectors.toList());
                if (keys.isEmpty()) {
                    problems.add("volume " + volume.getName() + " mounts every key of Secret "
                            + volume.getSecret().getSecretName() + "; list the items it needs");
                }
                keys.forEach(key -> checkSecretKey(
                        rendering, volume.getSecret().getSecretName(), key, "volume " + volume.getName(), problems));
            }
            if (volume.getConfigMap() != null) {
                configMap(rendering, volume.getConfigMap().getName(), problems);
            }
        }
        assertTrue(problems.isEmpty(), rendering + ":\n" + String.join("\n", problems));
    }

    private static void checkReferences(Rendering rendering, Container container, List<String> problems) {
        for (EnvFromSource source : orEmpty(container.getEnvFrom())) {
            if (source.getSecretRef() != null) {
                problems.add("envFrom Secret " + source.getSecretRef().getName() + " hides which variables it sets; "
                        + "use secretKeyRef");
            }
            if (source.getConfigMapRef() != null) {
                configMap(rendering, source.getConfigMapRef().getName(), problems);
            }
        }
        for (EnvVar variable : orEmpty(container.getEnv())) {
            if (variable.getValueFrom() == null) {
                continue;
            }
            var secretKey = variable.getValueFrom().getSecretKeyRef();
            if (secretKey != null) {
                checkSecretKey(rendering, secretKey.getName(), secretKey.getKey(), variable.getName(), problems);
            }
            var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
            if (configMapKey != null) {
                configMap(rendering, configMapKey.getName(), problems)
                        .filter(map -> !orEmpty(map.getData()).containsKey(configMapKey.getKey()))
                        .ifPresent(map -> problems.add(container.getName() + ": " + variable.getName() + ": ConfigMap "
                                + map.getMetadata().getName() + " has no key " + configMapKey.getKey()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void jwtPublicKeyLocationIsAFileOfTheMountedSecret(Rendering rendering) {
        String location = environment(rendering).get("OMS_JWT_PUBLIC_KEY_LOCATION");
        assertNotNull(location, rendering + ": OMS_JWT_PUBLIC_KEY_LOCATION is not set to a literal path");
        Path file = Path.of(location);
        VolumeMount mount = orEmpty(rendering.container().getVolumeMounts()).stream()
                .filter(candidate -> file.startsWith(candidate.getMountPath()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rendering + ": no volume is mounted where "
                        + "OMS_JWT_PUBLIC_KEY_LOCATION points (" + location + ")"));
        Volume volume = volume(rendering, mount.getName());
        assertNotNull(volume.getSecret(), rendering + ": the JWT public key should come from a Secret volume");
        String relative = Path.of(mount.getMountPath()).relativize(file).toString();
        Set<String> files = orEmpty(volume.getSecret().getItems()).stream()
                .map(KeyToPath::getPath)
                .collect(Collectors.toSet());
        assertTrue(
                files.contains(relative),
                rendering + ": Secret volume " + volume.getName() + " puts " + files + " in " + mount.getMountPath()
                        + ", not " + relative);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void autoscalerTargetsTheDeploymentAndAloneSetsItsReplicaCount(Rendering rendering) {
        Deployment deployment = rendering.deployment();
        Optional<HorizontalPodAutoscaler> autoscaler = rendering.optional(HorizontalPodAutoscaler.class);
        if (autoscaler.isEmpty()) {
            assertNotNull(deployment.getSpec().getReplicas(), rendering + ": without an autoscaler, set replicas");
            return;
        }
        assertNull(
                deployment.getSpec().getReplicas(),
                rendering + ": with an autoscaler the Deployment must not "
                        + "set replicas: every kubectl apply would reset the count the autoscaler chose");
        var spec = autoscaler.get().getSpec();
        assertEquals("apps/v1", spec.getScaleTargetRef().getApiVersion(), rendering + ": HPA target apiVersion");
        assertEquals("Deployment", spec.getScaleTargetRef().getKind(), rendering + ": HPA target kind");
        assertEquals(
                deployment.getMetadata().getName(),
                spec.getScaleTargetRef().getName(),
                rendering + ": the HPA scales something other than the Deployment");
        assertTrue(
                orDefault(spec.getMinReplicas(), 1) <= spec.getMaxReplicas(),
                rendering + ": HPA minReplicas > maxReplicas");
        Set<String> resources = orEmpty(spec.getMetrics()).stream()
                .map(MetricSpec::getResource)
                .filter(resource -> resource != null)
                .map(resource -> resource.getName())
                .collect(Collectors.toSet());
        assertTrue(resources.contains("cpu"), rendering + ": the HPA should scale on CPU");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void disruptionBudgetSelectsTheDeploymentsPodsAndAllowsAnEviction(Rendering rendering) {
        PodDisruptionBudget budget = rendering.only(PodDisruptionBudget.class);
        var selector = budget.getSpec().getSelector();
        assertTrue(
                selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty(),
                rendering + ": use matchLabels in the PDB selector");
        assertSelects(rendering, "PodDisruptionBudget", selector.getMatchLabels());
        int fewestReplicas = rendering
                .optional(HorizontalPodAutoscaler.class)
                .map(hpa -> orDefault(hpa.getSpec().getMinReplicas(), 1))
                .orElse(orDefault(rendering.deployment().getSpec().getReplicas(), 1));
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        if (minAvailable != null) {
            assertTrue(
                    minAvailable.getIntVal() != null && minAvailable.getIntVal() < fewestReplicas,
                    rendering + ": minAvailable " + minAvailable.getValue() + " with " + fewestReplicas
                            + " replicas blocks every node drain");
        } else {
            assertNotNull(maxUnavailable, rendering + ": the PDB sets neither minAvailable nor maxUnavailable");
            assertFalse(
                    Set.of(0, "0%").contains(maxUnavailable.getValue()),
                    rendering + ": maxUnavailable 0 blocks every node drain");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podOutlivesTheApplicationsGracefulShutdown(Rendering rendering) {
        long grace = Optional.ofNullable(rendering.pod().getTerminationGracePeriodSeconds())
                .orElse(30L);
        var lifecycle = rendering.container().getLifecycle();
        long preStop = lifecycle == null
                        || lifecycle.getPreStop() == null
                        || lifecycle.getPreStop().getSleep() == null
                ? 0
                : lifecycle.getPreStop().getSleep().getSeconds();
        long shutdown = APP.shutdownTimeout().toSeconds();
        assertTrue(
                grace > preStop + shutdown,
                rendering + ": terminationGracePeriodSeconds " + grace
                        + " must exceed the preStop pause (" + preStop + "s) plus quarkus.shutdown.timeout (" + shutdown
                        + "s), or the kubelet kills requests in flight");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderingsWithAPostgresCluster")
    void postgresClusterIsTheDatabaseTheDeploymentReadsAndFitsTheApplication(Rendering rendering) {
        List<GenericKubernetesResource> clusters = rendering.postgresClusters();
        assertEquals(1, clusters.size(), rendering + ": one CloudNativePG Cluster expected");
        GenericKubernetesResource cluster = clusters.get(0);
        String appSecret = cluster.getMetadata().getName() + "-app";
        for (Container container : rendering.allContainers()) {
            for (String variable : List.of("OMS_DB_HOST", "OMS_DB_PORT", "OMS_DB_NAME")) {
                assertEquals(
                        appSecret,
                        secretOf(container, variable),
                        rendering + ": " + container.getName() + "'s " + variable
                                + " should come from the Cluster's generated Secret");
            }
        }

        String image = cluster.get("spec", "imageName");
        assertNotNull(image, rendering + ": pin the PostgreSQL image (spec.imageName) of the Cluster");
        int major = Integer.parseInt(image.replaceFirst("^.*:(\\d+).*$", "$1"));
        int required =
                Integer.parseInt(APP.prod("quarkus.datasource.db-version", "0").split("\\.")[0]);
        assertTrue(
                major >= required,
                rendering + ": PostgreSQL " + major + " is older than the " + required
                        + " that quarkus.datasource.db-version declares");

        Object configured = cluster.get("spec", "postgresql", "parameters", "max_connections");
        int maxConnections =
                configured == null ? POSTGRES_DEFAULT_MAX_CONNECTIONS : Integer.parseInt(configured.toString());
        int pool = Integer.parseInt(APP.prod("quarkus.datasource.reactive.max-size", environment(rendering))
                .orElse("20"));
        // The routing lane's connections, one per routing worker: OMS_ROUTING_WORKERS, or at most half the pool
        // (RoutingSettings.defaultWorkers, whatever the pod's cores).
        String workers = environment(rendering).get("OMS_ROUTING_WORKERS");
        int routing = workers == null || workers.isEmpty() ? Math.max(2, pool / 2) : Integer.parseInt(workers);
        Deployment deployment = rendering.deployment();
        int mostReplicas = rendering
                .optional(HorizontalPodAutoscaler.class)
                .map(hpa -> hpa.getSpec().getMaxReplicas())
                .orElse(orDefault(deployment.getSpec().getReplicas(), 1));
        int mostPods = mostReplicas + surge(deployment, mostReplicas);
        int needed = mostPods * (pool + routing + CONNECTIONS_BESIDES_THE_POOLS);
        assertTrue(
                needed <= maxConnections - CONNECTIONS_KEPT_FREE,
                rendering + ": " + mostPods + " pods x (pool "
                        + pool + " + routing " + routing + " + " + CONNECTIONS_BESIDES_THE_POOLS + ") = " + needed
                        + " connections, but max_connections "
                        + maxConnections + " leaves " + (maxConnections - CONNECTIONS_KEPT_FREE) + " for the service");
    }

    // Migrations, database roles

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void migrationsRunInAStepOfTheirOwnBeforeTheServiceStarts(Rendering rendering) {
        Container migration = rendering.migration();
        Container service = rendering.container();
        assertEquals(
                service.getImage(),
                migration.getImage(),
                rendering + ": the migration step must run the " + "release it migrates for");
        assertTrue(
                migration.getStartupProbe() == null
                        && migration.getLivenessProbe() == null
                        && migration.getReadinessProbe() == null,
                rendering + ": an init container takes no probes");
        Map<String, String> migrating = environment(rendering, migration);
        Map<String, String> serving = environment(rendering, service);
        assertEquals(
                "true",
                APP.prod("quarkus.init-and-exit", migrating).orElse(""),
                rendering + ": the migration step must exit once migrated (OMS_MIGRATE_AND_EXIT)");
        assertEquals(
                "true",
                APP.prod("quarkus.flyway.migrate-at-start", migrating).orElse(""),
                rendering + ": the migration step must migrate");
        assertEquals(
                "false",
                APP.prod("quarkus.init-and-exit", serving).orElse("false"),
                rendering + ": the service must not exit after start-up");
        assertEquals(
                "false",
                APP.prod("quarkus.flyway.migrate-at-start", serving).orElse(""),
                rendering + ": the service must not migrate: its role cannot, and a slow migration must not fail "
                        + "its startup probe");
        assertEquals(
                "true",
                APP.prod("quarkus.flyway.validate-at-start", serving).orElse(""),
                rendering + ": the service should refuse a schema with pending or failed migrations");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderingsWithAPostgresCluster")
    void theServiceLogsInAsARoleThatCannotChangeTheSchemaAndTheMigrationAsTheOwner(Rendering rendering) {
        GenericKubernetesResource cluster = rendering.postgresClusters().get(0);
        String owner = cluster.get("spec", "bootstrap", "initdb", "owner");
        String appSecret = cluster.getMetadata().getName() + "-app";
        Container migration = rendering.migration();
        assertEquals(
                appSecret,
                secretOf(migration, "OMS_DB_USER"),
                rendering + ": the migration step should log " + "in as the database owner " + owner
                        + " (the Cluster's generated Secret)");
        assertEquals(appSecret, secretOf(migration, "OMS_DB_PASSWORD"), rendering + ": migration password");

        Container service = rendering.container();
        String serviceSecret = secretOf(service, "OMS_DB_USER");
        assertEquals(
                serviceSecret,
                secretOf(service, "OMS_DB_PASSWORD"),
                rendering + ": user and password of " + "the service from one Secret");
        assertNotEquals(appSecret, serviceSecret, rendering + ": the service must not log in as the owner");
        List<Map<String, Object>> roles = orEmpty(cluster.<List<Map<String, Object>>>get("spec", "managed", "roles"));
        String group = readWriteRoleOfTheMigrations();
        Map<String, Object> login = roles.stream()
                .filter(role -> role.get("passwordSecret") instanceof Map<?, ?> secret
                        && serviceSecret.equals(secret.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        rendering + ": no managed role of the Cluster takes its password from " + serviceSecret));
        assertEquals(Boolean.TRUE, login.get("login"), rendering + ": the service's role must log in");
        assertTrue(
                orEmpty((List<?>) login.get("inRoles")).contains(group),
                rendering + ": the service's role " + login.get("name") + " must be a member of " + group
                        + ", the role the migrations grant");
        assertTrue(
                Set.of("superuser", "createdb", "createrole", "replication", "bypassrls").stream()
                        .noneMatch(privilege -> Boolean.TRUE.equals(login.get(privilege))),
                rendering + ": the service's " + "role has privileges beyond reading and writing: " + login);
        Map<String, Object> groupRole = roles.stream()
                .filter(role -> group.equals(role.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rendering + ": the Cluster does not create " + group
                        + " (the migration role may not: it has no CREATEROLE)"));
        assertEquals(Boolean.FALSE, groupRole.get("login"), rendering + ": " + group + " is a group, not a login");
        String readme = readme();
        Matcher created = Pattern.compile("create secret generic " + Pattern.quote(serviceSecret)
                        + "[^\\n]*--from-literal=username=([a-z_]+)")
                .matcher(readme.replaceAll("\\\\\\r?\\n", " "));
        assertTrue(created.find(), "k8s/README.md must show how to create " + serviceSecret);
        assertEquals(
                login.get("name"), created.group(1), "the username in " + serviceSecret + " must be the role's name");
    }

    /** The group role afterMigrate.sql grants read and write on every table to. */
    private static String readWriteRoleOfTheMigrations() {
        try {
            String callback = Files.readString(Path.of("src/main/resources/db/migration/afterMigrate.sql"));
            Matcher role = Pattern.compile("create role (\\w+) nologin").matcher(callback);
            assertTrue(role.find(), "afterMigrate.sql creates no group role");
            assertTrue(
                    callback.contains(
                            "grant select, insert, update, delete on all tables in schema %I to " + role.group(1)),
                    "afterMigrate.sql does not grant " + role.group(1) + " the tables");
            return role.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Images

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlayDirectories")
    void everyOverlayNamesItsImageOnceWithAPinnedTagOrDigest(Path overlay) {
        Rendering base = Rendering.of(K8S.resolve("base"));
        Set<String> logical =
                base.allContainers().stream().map(Container::getImage).collect(Collectors.toSet());
        assertEquals(1, logical.size(), "base: the service and its migration step run one image, have " + logical);
        assertFalse(
                logical.iterator().next().contains(":"),
                "base: the image is a name for the overlays to set, " + "without a tag");
        JsonNode images = Kustomization.documents(overlay.resolve(Kustomization.FILE_NAME))
                .get(0)
                .path("images");
        assertEquals(1, images.size(), overlay + ": set the image in one place (images:), once");
        assertEquals(
                logical.iterator().next(),
                images.get(0).path("name").asText(),
                overlay + ": images: must " + "name the base's image");
        Rendering rendering = Rendering.of(overlay);
        Set<String> rendered =
                rendering.allContainers().stream().map(Container::getImage).collect(Collectors.toSet());
        assertEquals(
                1, rendered.size(), overlay + ": the migration step and the service run different images " + rendered);
        String image = rendered.iterator().next();
        assertTrue(image.matches("[a-z0-9.-]+(:\\d+)?/.+"), overlay + ": " + image + " names no registry");
        boolean digest = image.matches(".+@sha256:[0-9a-f]{64}");
        boolean tag = image.matches(".+/[^/:@]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        assertTrue(
                digest || tag && !image.endsWith(":latest"),
                overlay + ": " + image + " is not pinned to a " + "release (a tag other than latest, or a digest)");
    }

    // Network

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void networkPoliciesLetInGraphQLFromLabelledNamespacesAndOperationsFromMonitoringOnly(Rendering rendering) {
        List<NetworkPolicy> policies = rendering.all(NetworkPolicy.class).stream()
                .filter(policy -> selectsThePods(rendering, policy.getSpec().getPodSelector()))
                .collect(Collectors.toList());
        assertTrue(
                policies.stream()
                        .anyMatch(
                                policy -> policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))),
                rendering + ": no NetworkPolicy restricts both ingress and egress");
        int http = APP.httpPort();
        int management = APP.operationsPort();
        Set<Integer> reachable = new HashSet<>();
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : orEmpty(policy.getSpec().getIngress())) {
                assertFalse(
                        orEmpty(rule.getPorts()).isEmpty(),
                        rendering + ": an ingress rule of "
                                + policy.getMetadata().getName() + " opens every port");
                assertFalse(
                        orEmpty(rule.getFrom()).isEmpty(),
                        rendering + ": an ingress rule of "
                                + policy.getMetadata().getName() + " admits everyone");
                for (NetworkPolicyPort port : rule.getPorts()) {
                    int number = containerPort(rendering, port.getPort());
                    reachable.add(number);
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        assertNull(peer.getIpBlock(), rendering + ": ingress by address; use namespaces");
                        assertNotNull(
                                peer.getNamespaceSelector(),
                                rendering + ": ingress from pods of the own " + "namespace only? name the namespace");
                        Map<String, String> labels =
                                orEmpty(peer.getNamespaceSelector().getMatchLabels());
                        assertFalse(labels.isEmpty(), rendering + ": ingress from every namespace");
                        if (number == management) {
                            assertEquals(
                                    Map.of("kubernetes.io/metadata.name", "monitoring"),
                                    labels,
                                    rendering + ": the management port must be open to the monitoring namespace only");
                        } else {
                            assertEquals(
                                    http,
                                    number,
                                    rendering + ": ingress to a port that is neither GraphQL's "
                                            + "nor the management one");
                            assertTrue(
                                    readme().contains(labels.keySet().iterator().next()),
                                    rendering + ": " + "k8s/README.md must say which label admits GraphQL clients: "
                                            + labels);
                        }
                    }
                }
            }
        }
        assertEquals(
                Set.of(http, management),
                reachable,
                rendering + ": GraphQL and the management port must "
                        + "both be reachable (ingress controller, Prometheus)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void networkPoliciesLetOutPostgresDnsAndTheConfiguredHostsOnly(Rendering rendering) {
        List<NetworkPolicyEgressRule> egress = rendering.all(NetworkPolicy.class).stream()
                .filter(policy -> selectsThePods(rendering, policy.getSpec().getPodSelector()))
                .flatMap(policy -> orEmpty(policy.getSpec().getEgress()).stream())
                .collect(Collectors.toList());
        for (NetworkPolicyEgressRule rule : egress) {
            assertFalse(
                    orEmpty(rule.getTo()).isEmpty() || orEmpty(rule.getPorts()).isEmpty(),
                    rendering + ": an egress rule without destinations or ports lets the pods reach anything: " + rule);
        }
        String cluster = rendering.postgresClusters().stream()
                .map(c -> c.getMetadata().getName())
                .findFirst()
                .orElse("oms-db");
        assertTrue(
                egress.stream()
                        .anyMatch(rule -> hasPort(rule, 5432, "TCP")
                                && rule.getTo().stream()
                                        .anyMatch(peer -> peer.getPodSelector() != null
                                                && cluster.equals(orEmpty(peer.getPodSelector()
                                                                .getMatchLabels())
                                                        .get("cnpg.io/cluster")))),
                rendering + ": no egress to PostgreSQL");
        for (String protocol : List.of("UDP", "TCP")) {
            assertTrue(
                    egress.stream().anyMatch(rule -> hasPort(rule, 53, protocol)),
                    rendering + ": no DNS over " + protocol);
        }
        int smtpPort = Integer.parseInt(
                APP.prod("oms.notifications.mail-port", environment(rendering)).orElse("25"));
        for (int port : List.of(smtpPort, 443, 4317)) {
            assertTrue(
                    egress.stream()
                            .anyMatch(rule -> hasPort(rule, port, "TCP")
                                    && rule.getTo().stream().allMatch(peer -> peer.getIpBlock() != null)),
                    rendering + ": no egress rule for the " + "outside hosts on port " + port
                            + " (webhook/JWKS 443, SMTP, OTLP 4317)");
        }
    }

    // Monitoring

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podMonitorScrapesTheManagementPortAndEveryAlertHasARunbook(Rendering rendering) {
        List<GenericKubernetesResource> monitors = rendering.custom("PodMonitor");
        if (rendering.name().equals("overlays/prod")) {
            assertEquals(1, monitors.size(), "prod should include the monitoring component");
        }
        for (GenericKubernetesResource monitor : monitors) {
            assertSelects(rendering, "PodMonitor", monitor.get("spec", "selector", "matchLabels"));
            List<Map<String, Object>> endpoints = monitor.get("spec", "podMetricsEndpoints");
            assertEquals(1, endpoints.size(), rendering + ": one metrics endpoint per pod");
            assertEquals(
                    APP.operationsPort(),
                    containerPort(rendering, new IntOrString(endpoints.get(0).get("port"))),
                    rendering + ": PodMonitor port");
            assertEquals(APP.metricsPath(), endpoints.get(0).get("path"), rendering + ": PodMonitor path");
        }
        Set<String> anchors = readmeAnchors();
        for (GenericKubernetesResource rules : rendering.custom("PrometheusRule")) {
            List<Map<String, Object>> groups = rules.get("spec", "groups");
            Set<String> alerts = new TreeSet<>();
            for (Map<String, Object> group : groups) {
                for (Object element : (List<?>) group.get("rules")) {
                    Map<?, ?> rule = (Map<?, ?>) element;
                    String alert = (String) rule.get("alert");
                    assertNotNull(alert, rendering + ": a rule without an alert name: " + rule);
                    alerts.add(alert);
                    assertTrue(
                            Set.of("critical", "warning").contains(((Map<?, ?>) rule.get("labels")).get("severity")),
                            rendering + ": " + alert + " needs severity critical or warning");
                    Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
                    assertNotNull(annotations.get("summary"), rendering + ": " + alert + " has no summary");
                    String runbook = (String) annotations.get("runbook");
                    assertEquals(
                            "k8s/README.md#" + alert.toLowerCase(Locale.ROOT),
                            runbook,
                            rendering + ": " + alert + " must point at its runbook section");
                    assertTrue(
                            anchors.contains(alert.toLowerCase(Locale.ROOT)),
                            "k8s/README.md has no section " + alert + " (the runbook the alert points at)");
                }
            }
            for (String required : List.of(
                    "OmsOrdersUnrouted",
                    "OmsOrdersStuck",
                    "OmsRoutingQueueStalled",
                    "OmsRoutingQueueDeep",
                    "OmsNoticesDead",
                    "OmsUnavailable")) {
                assertTrue(alerts.contains(required), rendering + ": no alert " + required);
            }
        }
    }

    // Backups

    @Test
    void productionBacksUpItsDatabaseNightlyAndArchivesWal() {
        Rendering prod = Rendering.of(K8S.resolve("overlays/prod"));
        GenericKubernetesResource cluster = prod.postgresClusters().get(0);
        String destination = cluster.get("spec", "backup", "barmanObjectStore", "destinationPath");
        assertNotNull(destination, "prod: the Cluster has no object store for backups");
        assertTrue(readme().contains(destination), "k8s/README.md must say what to put in place of " + destination);
        assertNotNull(cluster.get("spec", "backup", "retentionPolicy"), "prod: keep backups for a stated time");
        List<String> problems = new ArrayList<>();
        for (String credential : List.of("accessKeyId", "secretAccessKey")) {
            Map<String, Object> reference =
                    cluster.get("spec", "backup", "barmanObjectStore", "s3Credentials", credential);
            checkSecretKey(
                    prod,
                    (String) reference.get("name"),
                    (String) reference.get("key"),
                    "backup " + credential,
                    problems);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        List<GenericKubernetesResource> schedules = prod.custom("ScheduledBackup");
        assertEquals(1, schedules.size(), "prod: one ScheduledBackup");
        GenericKubernetesResource schedule = schedules.get(0);
        assertEquals(
                cluster.getMetadata().getName(),
                schedule.get("spec", "cluster", "name"),
                "the ScheduledBackup backs up another Cluster");
        assertEquals("barmanObjectStore", schedule.get("spec", "method"), "the ScheduledBackup's method");
        assertEquals(
                6,
                ((String) schedule.get("spec", "schedule")).trim().split("\\s+").length,
                "CloudNativePG schedules have six fields, seconds first");
        assertTrue(readmeAnchors().contains("restoring-the-database"), "k8s/README.md must document the restore");
    }

    // Tokens

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlayDirectories")
    void everyOverlayChecksTheIssuerAndTheAudienceOfTokens(Path overlay) {
        Rendering rendering = Rendering.of(overlay);
        Map<String, String> environment = environment(rendering);
        assertFalse(
                APP.prod("mp.jwt.verify.audiences", environment).orElse("").isBlank(),
                overlay + ": set OMS_JWT_AUDIENCE, or tokens issued for other services are accepted");
        assertFalse(APP.prod("mp.jwt.verify.issuer", environment).orElse("").isBlank(), overlay + ": issuer");
        String location =
                APP.prod("mp.jwt.verify.publickey.location", environment).orElse("");
        assertTrue(
                location.startsWith("https://") || location.startsWith("/"),
                overlay + ": the key comes from a " + "JWKS over HTTPS or a mounted PEM file, not " + location);
        if (overlay.endsWith("prod")) {
            assertEquals(
                    "false",
                    APP.prod("security.jwt.allow-development-key", environment).orElse("false"),
                    "prod must never accept the development key");
        }
    }

    @Test
    void productionRunsThreeReplicasOrMoreOnDifferentNodesAndThreeDatabaseInstances() {
        Rendering prod = Rendering.of(K8S.resolve("overlays/prod"));
        HorizontalPodAutoscaler autoscaler = prod.only(HorizontalPodAutoscaler.class);
        assertTrue(autoscaler.getSpec().getMinReplicas() >= 3, "prod: the HPA may scale below 3 replicas");
        assertTrue(autoscaler.getSpec().getMaxReplicas() >= 10, "prod: the HPA should scale to 10 replicas");
        assertTrue(
                prod.pod().getTopologySpreadConstraints().stream()
                        .anyMatch(constraint -> "kubernetes.io/hostname".equals(constraint.getTopologyKey())
                                && "DoNotSchedule".equals(constraint.getWhenUnsatisfiable())),
                "prod: replicas must be spread over nodes as a hard rule");
        assertFalse(prod.container().getImage().endsWith(":latest"), "prod: pin the image to a release, not latest");
        Number instances = prod.postgresClusters().get(0).get("spec", "instances");
        assertTrue(instances.intValue() >= 3, "prod: a primary and two replicas of PostgreSQL");
    }

    @Test
    void developmentRunsOneReplicaInItsOwnNamespace() {
        Rendering dev = Rendering.of(K8S.resolve("overlays/dev"));
        assertEquals(1, dev.deployment().getSpec().getReplicas(), "dev: replicas");
        List<String> elsewhere = dev.objects().stream()
                .filter(object -> !"Namespace".equals(object.getKind()))
                .filter(object -> !"oms-dev".equals(object.getMetadata().getNamespace()))
                .map(object -> object.getKind() + "/" + object.getMetadata().getName())
                .collect(Collectors.toList());
        assertTrue(elsewhere.isEmpty(), "dev: outside namespace oms-dev: " + elsewhere);
    }

    // Helpers

    static HasMetadata typed(ObjectNode document, Path source) {
        try {
            return KUBERNETES.unmarshal(document.toString());
        } catch (RuntimeException e) {
            throw new AssertionError(
                    source + ": " + document.path("kind").asText() + " does not parse as a " + "Kubernetes object: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Every YAML file under k8s/ but the kustomization files, which are not Kubernetes objects. */
    private static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(Files::isRegularFile)
                    .filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .filter(file -> !file.getFileName().toString().equals(Kustomization.FILE_NAME))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> kustomizationDirectories() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(file -> file.getFileName().toString().equals(Kustomization.FILE_NAME))
                    .map(Path::getParent)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Secret a variable of a container comes from, or null. */
    private static String secretOf(Container container, String variable) {
        return orEmpty(container.getEnv()).stream()
                .filter(env -> variable.equals(env.getName()))
                .findFirst()
                .map(EnvVar::getValueFrom)
                .map(source -> source.getSecretKeyRef())
                .map(reference -> reference.getName())
                .orElse(null);
    }

    private static boolean selectsThePods(Rendering rendering, LabelSelector selector) {
        Map<String, String> labels =
                rendering.deployment().getSpec().getTemplate().getMetadata().getLabels();
        return selector != null
                && !orEmpty(selector.getMatchLabels()).isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static boolean hasPort(NetworkPolicyEgressRule rule, int port, String protocol) {
        return orEmpty(rule.getPorts()).stream()
                .anyMatch(candidate -> candidate.getPort() != null
                        && Integer.valueOf(port).equals(candidate.getPort().getIntVal())
                        && protocol.equals(candidate.getProtocol() == null ? "TCP" : candidate.getProtocol()));
    }

    private static String readme() {
        try {
            return Files.readString(README);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors of k8s/README.md's headings, as GitHub makes them. */
    private static Set<String> readmeAnchors() {
        return readme().lines()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "")
                        .trim()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private static void assertProbe(Rendering rendering, Probe probe, String name, String expectedPath) {
        assertNotNull(probe, rendering + ": the container has no " + name);
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, rendering + ": " + name + " should be an httpGet on the health endpoint");
        assertEquals(expectedPath, get.getPath(), rendering + ": " + name + " path (from application.properties)");
        assertEquals(
                APP.operationsPort(),
                containerPort(rendering, get.getPort()),
                rendering + ": " + name + " port (health answers on the management interface only)");
        assertTrue(get.getScheme() == null || "HTTP".equals(get.getScheme()), rendering + ": " + name + " scheme");
    }

    /** The pods a rolling update adds on top of the replicas: maxSurge, 25% unless set, percentages rounded up. */
    private static int surge(Deployment deployment, int replicas) {
        var rollingUpdate = deployment.getSpec().getStrategy() == null
                ? null
                : deployment.getSpec().getStrategy().getRollingUpdate();
        IntOrString surge = rollingUpdate == null || rollingUpdate.getMaxSurge() == null
                ? new IntOrString("25%")
                : rollingUpdate.getMaxSurge();
        if (surge.getIntVal() != null) {
            return surge.getIntVal();
        }
        int percent = Integer.parseInt(surge.getStrVal().replace("%", ""));
        return (replicas * percent + 99) / 100;
    }

    /** A port by number, or by the name of one of the container's ports. */
    private static int containerPort(Rendering rendering, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return orEmpty(rendering.container().getPorts()).stream()
                .filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rendering + ": no container port is named " + port.getStrVal()))
                .getContainerPort();
    }

    private static void assertSelects(Rendering rendering, String selecting, Map<String, String> selector) {
        Map<String, String> labels =
                rendering.deployment().getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(selector != null && !selector.isEmpty(), rendering + ": " + selecting + " has an empty selector");
        assertTrue(
                labels.entrySet().containsAll(selector.entrySet()),
                rendering + ": " + selecting + " selects " + selector + ", but the pods are labelled " + labels);
    }

    /**
     * The container's variables in the order Kubernetes defines them (envFrom first, then env), with the
     * literal value where the manifests hold it and null where it comes from a Secret.
     */
    private static Map<String, String> environment(Rendering rendering) {
        return environment(rendering, rendering.container());
    }

    private static Map<String, String> environment(Rendering rendering, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : orEmpty(container.getEnvFrom())) {
            if (source.getConfigMapRef() != null) {
                configMap(rendering, source.getConfigMapRef().getName(), new ArrayList<>())
                        .ifPresent(map -> environment.putAll(orEmpty(map.getData())));
            }
        }
        for (EnvVar variable : orEmpty(container.getEnv())) {
            String value = variable.getValue();
            var configMapKey = variable.getValueFrom() == null
                    ? null
                    : variable.getValueFrom().getConfigMapKeyRef();
            if (configMapKey != null) {
                value = configMap(rendering, configMapKey.getName(), new ArrayList<>())
                        .map(map -> orEmpty(map.getData()).get(configMapKey.getKey()))
                        .orElse(null);
            }
            environment.put(variable.getName(), value);
        }
        return environment;
    }

    private static Optional<ConfigMap> configMap(Rendering rendering, String name, List<String> problems) {
        Optional<ConfigMap> found = rendering.all(ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().equals(name))
                .findFirst();
        if (found.isEmpty()) {
            problems.add("ConfigMap " + name + " is not among the manifests");
        }
        return found;
    }

    /**
     * A Secret is fine if the manifests define it with that key, if it is the "-app" Secret CloudNativePG
     * generates for a Cluster of the manifests, or if k8s/README.md creates it with that key.
     */
    private static void checkSecretKey(
            Rendering rendering, String secret, String key, String user, List<String> problems) {
        Optional<Secret> defined = rendering.all(Secret.class).stream()
                .filter(candidate -> candidate.getMetadata().getName().equals(secret))
                .findFirst();
        if (defined.isPresent()) {
            if (!orEmpty(defined.get().getData()).containsKey(key)
                    && !orEmpty(defined.get().getStringData()).containsKey(key)) {
                problems.add(user + ": Secret " + secret + " has no key " + key);
            }
            return;
        }
        boolean generated = rendering.postgresClusters().stream()
                .anyMatch(cluster -> (cluster.getMetadata().getName() + "-app").equals(secret));
        if (generated) {
            if (!CNPG_APP_SECRET_KEYS.contains(key)) {
                problems.add(user + ": the Secret CloudNativePG generates (" + secret + ") has no key " + key
                        + "; it has " + new TreeSet<>(CNPG_APP_SECRET_KEYS));
            }
            return;
        }
        Set<String> documented = secretsTheReadmeCreates().get(secret);
        if (documented == null) {
            problems.add(user + ": Secret " + secret + " is neither among the manifests nor generated by a "
                    + "CloudNativePG Cluster, and k8s/README.md does not show how to create it "
                    + "(kubectl create secret generic " + secret + " --from-literal=" + key + "=...)");
        } else if (!documented.contains(key)) {
            problems.add(
                    user + ": k8s/README.md creates Secret " + secret + " with keys " + documented + ", not " + key);
        }
    }

    /** The Secrets k8s/README.md creates with {@code kubectl create secret generic}, and their keys. */
    private static Map<String, Set<String>> secretsTheReadmeCreates() {
        String readme;
        try {
            readme = Files.readString(README).replaceAll("\\\\\\r?\\n", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> secrets = new HashMap<>();
        Matcher command =
                Pattern.compile("create secret generic ([a-z0-9.-]+)([^\\n]*)").matcher(readme);
        while (command.find()) {
            Set<String> keys = secrets.computeIfAbsent(command.group(1), name -> new TreeSet<>());
            Matcher key = Pattern.compile("--from-(?:literal|file)=([^=\\s]+)=").matcher(command.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        return secrets;
    }

    private static Optional<Volume> mountedVolume(Rendering rendering, Container container, String mountPath) {
        return orEmpty(container.getVolumeMounts()).stream()
                .filter(mount -> mountPath.equals(mount.getMountPath()))
                .findFirst()
                .map(mount -> volume(rendering, mount.getName()));
    }

    private static Volume volume(Rendering rendering, String name) {
        return orEmpty(rendering.pod().getVolumes()).stream()
                .filter(volume -> name.equals(volume.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rendering + ": no volume named " + name));
    }

    /**
     * Fields the Kubernetes model did not recognise land in additionalProperties instead of failing the parse;
     * the API server would reject them (or, worse, drop them). Walks the typed object and reports each.
     */
    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> elements) {
            int index = 0;
            for (Object element : elements) {
                collectUnknownFields(element, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, element) -> collectUnknownFields(element, path + "." + key, unknown));
            return;
        }
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String name = getter.getName().substring(3);
            if (name.equals("AdditionalProperties")) {
                if (property instanceof Map<?, ?> additional && !additional.isEmpty()) {
                    unknown.add(path + ": " + additional.keySet());
                }
            } else {
                collectUnknownFields(
                        property, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown);
            }
        }
    }

    /** Labels, annotations, selectors, ConfigMap data and env values: strings only, YAML would make 25 a number. */
    private static void collectUnquotedStrings(JsonNode node, String path, boolean configMap, List<String> problems) {
        node.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            boolean stringMap =
                    Set.of("labels", "annotations", "matchLabels", "selector").contains(name)
                            || (configMap && name.equals("data") && path.endsWith("ConfigMap"));
            if (stringMap && value.isObject()) {
                value.fields().forEachRemaining(entry -> {
                    if (entry.getValue().isValueNode() && !entry.getValue().isTextual()) {
                        problems.add(path + "." + name + "." + entry.getKey() + ": " + entry.getValue());
                    }
                });
            }
            if (name.equals("env") && value.isArray()) {
                value.forEach(variable -> {
                    if (variable.has("value") && !variable.get("value").isTextual()) {
                        problems.add(path + ".env." + variable.path("name").asText() + ": " + variable.get("value"));
                    }
                });
            }
            if (value.isContainerNode()) {
                if (value.isArray()) {
                    value.forEach(element -> collectUnquotedStrings(element, path + "." + name, false, problems));
                } else {
                    collectUnquotedStrings(value, path + "." + name, false, problems);
                }
            }
        });
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        return Stream.of(values).filter(value -> value != null).findFirst().orElse(null);
    }

    private static int orDefault(Integer value, int kubernetesDefault) {
        return value == null ? kubernetesDefault : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
