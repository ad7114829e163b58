package io.oms.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the features k8s/ uses and nothing more:
 * {@code resources} (files and directories), {@code components} (kind Component: their resources and patches),
 * {@code patches} given by {@code path} (strategic merge, including {@code $patch: delete}), {@code images} (of
 * containers and init containers) and {@code namespace}. A kustomization that uses anything else fails with the
 * name of the field, so that this class is extended rather than silently wrong. CI renders the overlays with
 * {@code kubectl kustomize} as well (.ci/run), which is the real rendering.
 */
final class Kustomization {
    static final String FILE_NAME = "kustomization.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> MODELLED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "components", "patches", "images", "namespace");
    /**
     * How kustomize matches the elements of these lists (the Kubernetes API's merge keys, some of them composite:
     * a topology spread constraint is its topologyKey and its whenUnsatisfiable together); other lists are
     * replaced whole. Each list names alternatives, the first whose keys the patch element has is used.
     */
    private static final Map<String, List<List<String>>> MERGE_KEYS = Map.of(
            "containers", List.of(List.of("name")),
            "initContainers", List.of(List.of("name")),
            "env", List.of(List.of("name")),
            "volumes", List.of(List.of("name")),
            "volumeMounts", List.of(List.of("mountPath")),
            "ports", List.of(List.of("containerPort"), List.of("port")),
            "topologySpreadConstraints", List.of(List.of("topologyKey", "whenUnsatisfiable")),
            "imagePullSecrets", List.of(List.of("name")));

    private final Path directory;
    private final ObjectNode definition;

    private Kustomization(Path directory, ObjectNode definition) {
        this.directory = directory;
        this.definition = definition;
    }

    static Kustomization in(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        assertTrue(Files.isRegularFile(file), directory + " has no " + FILE_NAME);
        List<ObjectNode> documents = documents(file);
        assertEquals(1, documents.size(), file + " must hold one document");
        return new Kustomization(directory, documents.get(0));
    }

    /** Every document of a YAML file, empty ones skipped. */
    static List<ObjectNode> documents(Path file) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                assertTrue(document.isObject(), file + " holds a document that is not a mapping");
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + file, e);
        }
        return documents;
    }

    Path directory() {
        return directory;
    }

    /** The files and directories this kustomization names, resolved against its directory. */
    List<Path> resources() {
        return texts(definition.path("resources")).stream()
                .map(directory::resolve)
                .map(Path::normalize)
                .collect(Collectors.toList());
    }

    /** The component directories this kustomization names, resolved against its directory. */
    List<Path> components() {
        return texts(definition.path("components")).stream()
                .map(directory::resolve)
                .map(Path::normalize)
                .collect(Collectors.toList());
    }

    boolean isComponent() {
        return "Component".equals(definition.path("kind").asText());
    }

    List<Path> patches() {
        List<Path> patches = new ArrayList<>();
        for (JsonNode patch : definition.path("patches")) {
            Set<String> fields = fieldNames(patch);
            if (!fields.equals(Set.of("path"))) {
                fail(directory + "/" + FILE_NAME + " has a patch with " + fields + ": only {path: <file>} "
                        + "patches (strategic merge, their target named inside) are modelled by this test");
            }
            patches.add(directory.resolve(patch.get("path").asText()).normalize());
        }
        return patches;
    }

    /**
     * The objects before this kustomization's own patches: its resources, rendered recursively, then what its
     * components add and change (kustomize applies components after the resources, before the patches).
     */
    List<ObjectNode> resourceObjects() {
        assertOnlyModelledFields();
        List<ObjectNode> objects = new ArrayList<>();
        addResources(objects);
        for (Path componentDirectory : components()) {
            Kustomization component = in(componentDirectory);
            assertTrue(
                    component.isComponent(),
                    componentDirectory + " is named under components: but is not of " + "kind Component");
            component.assertOnlyModelledFields();
            component.addResources(objects);
            for (Path patchFile : component.patches()) {
                for (ObjectNode patch : documents(patchFile)) {
                    apply(patch, objects, patchFile);
                }
            }
        }
        return objects;
    }

    private void addResources(List<ObjectNode> objects) {
        for (Path resource : resources()) {
            if (Files.isDirectory(resource)) {
                objects.addAll(in(resource).render());
            } else {
                objects.addAll(documents(resource));
            }
        }
    }

    List<ObjectNode> render() {
        List<ObjectNode> objects = resourceObjects();
        for (Path patchFile : patches()) {
            for (ObjectNode patch : documents(patchFile)) {
                apply(patch, objects, patchFile);
            }
        }
        for (JsonNode image : definition.path("images")) {
            setImage(image, objects);
        }
        if (definition.hasNonNull("namespace")) {
            String namespace = definition.get("namespace").asText();
            objects.stream()
                    .filter(object -> !"Namespace".equals(object.path("kind").asText()))
                    .forEach(object -> ((ObjectNode) object.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    /** The object a patch changes: same apiVersion, kind and name. */
    static ObjectNode target(ObjectNode patch, List<ObjectNode> objects, Path patchFile) {
        List<ObjectNode> targets = objects.stream()
                .filter(object -> object.path("apiVersion").equals(patch.path("apiVersion"))
                        && object.path("kind").equals(patch.path("kind"))
                        && object.path("metadata")
                                .path("name")
                                .equals(patch.path("metadata").path("name")))
                .collect(Collectors.toList());
        if (targets.size() != 1) {
            fail(patchFile + " patches " + patch.path("apiVersion").asText() + " "
                    + patch.path("kind").asText()
                    + " \"" + patch.path("metadata").path("name").asText() + "\", but its base has "
                    + targets.size() + " such objects (it has: " + describe(objects) + ")");
        }
        return targets.get(0);
    }

    private static void apply(ObjectNode patch, List<ObjectNode> objects, Path patchFile) {
        ObjectNode target = target(patch, objects, patchFile);
        if ("delete".equals(patch.path("$patch").asText(null))) {
            objects.remove(target);
            return;
        }
        merge(target, patch, patchFile);
    }

    private static void merge(ObjectNode target, ObjectNode patch, Path patchFile) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(name);
            if (name.startsWith("$")) {
                fail(patchFile + " uses the directive " + name + ", which this test does not model");
            } else if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, patchFile);
            } else if (value.isArray() && current != null && current.isArray() && MERGE_KEYS.containsKey(name)) {
                mergeList((ArrayNode) current, (ArrayNode) value, MERGE_KEYS.get(name), patchFile);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, List<List<String>> alternatives, Path patchFile) {
        for (JsonNode element : patch) {
            List<String> keys = alternatives.stream()
                    .filter(candidate -> candidate.stream().allMatch(element::has))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(patchFile + " has a list element without its " + "merge key "
                            + alternatives + ": " + element));
            ObjectNode match = null;
            for (JsonNode existing : target) {
                if (keys.stream().allMatch(key -> existing.path(key).equals(element.get(key)))) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                target.add(element.deepCopy());
            } else {
                merge(match, (ObjectNode) element, patchFile);
            }
        }
    }

    private static void setImage(JsonNode image, List<ObjectNode> objects) {
        String name = image.path("name").asText();
        for (ObjectNode object : objects) {
            JsonNode pod = object.path("spec").path("template").path("spec");
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            for (JsonNode container : containers) {
                String reference = container.path("image").asText();
                String repository = reference.replaceFirst("@.*$", "").replaceFirst(":[^:/]+$", "");
                if (!repository.equals(name)) {
                    continue;
                }
                String tag = reference.substring(repository.length()).replaceFirst("@.*$", "");
                String newRepository = image.path("newName").asText(repository);
                String newTag = image.has("newTag") ? ":" + image.get("newTag").asText() : tag;
                String digest = image.has("digest") ? "@" + image.get("digest").asText() : "";
                ((ObjectNode) container).put("image", newRepository + (digest.isEmpty() ? newTag : digest));
            }
        }
    }

    private void assertOnlyModelledFields() {
        Set<String> unmodelled = fieldNames(definition);
        unmodelled.removeAll(MODELLED_FIELDS);
        assertTrue(
                unmodelled.isEmpty(),
                directory + "/" + FILE_NAME + " uses " + unmodelled
                        + ", which KubernetesManifestsTest does not model: extend io.oms.deploy.Kustomization");
    }

    static String describe(List<ObjectNode> objects) {
        return objects.stream()
                .map(object -> object.path("kind").asText() + "/"
                        + object.path("metadata").path("name").asText())
                .collect(Collectors.joining(", "));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
