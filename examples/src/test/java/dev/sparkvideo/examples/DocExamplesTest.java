package dev.sparkvideo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Java and SQL example of README.md and docs/ on the files of {@code doc-examples.json}, and checks that
 * each Java example has its Python twin. The row counts of the Java examples' datasets go to
 * {@code target/doc-examples/java-results.json}, which the Python tests (python/tests/test_docs.py) compare with
 * their twins' counts.
 */
class DocExamplesTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
  private static final Path WORK = Path.of("target", "doc-examples").toAbsolutePath();
  private static final Map<String, Map<String, Long>> RESULTS = new TreeMap<>();
  private static DocFixture fixture;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws IOException {
    Path samples = Path.of("target", "quickstart", "videos").toAbsolutePath();
    SampleVideos.write(samples);
    fixture = DocFixture.make(WORK.resolve("tree"), samples);
    spark = SparkSession.builder().master("local[2]").appName("doc examples")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", WORK.resolve("warehouse").toString()).getOrCreate();
  }

  @AfterAll
  static void stop() throws IOException {
    if (spark != null) {
      spark.stop();
    }
    Files.createDirectories(WORK);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(WORK.resolve("java-results.json").toFile(), RESULTS);
  }

  static List<DocBlock> blocks() throws IOException {
    List<DocBlock> all = new ArrayList<>(DocBlock.read(PROJECT.resolve("README.md"), "README.md"));
    try (Stream<Path> pages = Files.list(PROJECT.resolve("docs"))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        all.addAll(DocBlock.read(page, "docs/" + page.getFileName()));
      }
    }
    return all;
  }

  @TestFactory
  Stream<DynamicTest> javaExamplesRun() throws IOException {
    return blocks().stream().filter(b -> b.language().equals("java"))
        .map(b -> DynamicTest.dynamicTest(b.where(), () -> {
          JavaSnippet snippet = new JavaSnippet("Example" + RESULTS.size(), fixture.rewrite(b.code()));
          try {
            RESULTS.put(b.key(), snippet.run(spark, WORK.resolve("classes").resolve(b.key().replaceAll("\\W", "_"))));
          } catch (InvocationTargetException e) {
            throw new AssertionError(b.where() + " fails: " + e.getCause(), e.getCause());
          }
        }));
  }

  @TestFactory
  Stream<DynamicTest> sqlExamplesRun() throws IOException {
    return blocks().stream().filter(b -> b.language().equals("sql"))
        .map(b -> DynamicTest.dynamicTest(b.where(), () -> {
          for (String statement : fixture.rewrite(b.code().replaceAll("--[^\\n]*", "")).split(";")) {
            if (!statement.isBlank()) {
              spark.sql(statement).collectAsList();
            }
          }
        }));
  }

  @Test
  void everyJavaExampleHasAPythonTwinThatUsesTheSameNames() throws IOException {
    List<DocBlock> all = blocks();
    List<DocBlock> java = all.stream().filter(b -> b.language().equals("java")).toList();
    assertFalse(java.isEmpty(), "no Java examples found under " + PROJECT);
    for (DocBlock block : java) {
      List<DocBlock> twins = all.stream()
          .filter(b -> b.language().equals("python") && b.key().equals(block.key())).toList();
      assertEquals(1, twins.size(), block.where() + ": a Java example needs a python block right after it");
      for (String name : new JavaSnippet("Names", block.code()).datasets()) {
        assertTrue(twins.get(0).code().matches("(?s).*\\b" + name + "\\s*=.*"),
            twins.get(0).where() + " should assign " + name + " as its Java twin does");
      }
    }
  }
}
