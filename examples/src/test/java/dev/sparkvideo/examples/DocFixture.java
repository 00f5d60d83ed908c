package dev.sparkvideo.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files behind the paths the documentation's examples read ({@code doc-examples.json}, shared with the Python
 * tests): a scratch tree made from the quick start's sample videos, and the rewriting of an example's paths into it.
 */
final class DocFixture {
  private final Path root;
  private final List<Map.Entry<String, String>> prefixes = new ArrayList<>();

  private DocFixture(Path root) {
    this.root = root;
  }

  /** Makes the tree under {@code root} (emptied first) from the sample videos in {@code samples}. */
  static DocFixture make(Path root, Path samples) throws IOException {
    JsonNode spec;
    try (InputStream in = DocFixture.class.getResourceAsStream("/doc-examples.json")) {
      spec = new ObjectMapper().readTree(in);
    }
    delete(root);
    DocFixture fixture = new DocFixture(root);
    for (Map.Entry<String, JsonNode> e : spec.get("prefixes").properties()) {
      fixture.prefixes.add(Map.entry(e.getKey(), root.resolve(e.getValue().asText()).toString() + "/"));
    }
    fixture.prefixes.sort(Comparator.comparing((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    for (Map.Entry<String, JsonNode> e : spec.get("files").properties()) {
      Path target = root.resolve(e.getKey());
      Files.createDirectories(target.getParent());
      Path source = sample(samples, e.getValue().asText());
      try {
        Files.createLink(target, source);
      } catch (IOException | UnsupportedOperationException notLinkable) {
        Files.copy(source, target);
      }
    }
    return fixture;
  }

  /** {@code code} with every quoted path that starts with a documented prefix moved into the tree. */
  String rewrite(String code) {
    String out = code;
    for (Map.Entry<String, String> prefix : prefixes) {
      for (String quote : List.of("\"", "'", "`")) {
        out = out.replace(quote + prefix.getKey(), quote + prefix.getValue());
      }
    }
    return out;
  }

  Path root() {
    return root;
  }

  private static Path sample(Path samples, String nameStart) throws IOException {
    try (Stream<Path> files = Files.list(samples)) {
      return files.filter(p -> p.getFileName().toString().startsWith(nameStart)).findFirst()
          .orElseThrow(() -> new IOException("no sample video " + nameStart + "* in " + samples));
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
