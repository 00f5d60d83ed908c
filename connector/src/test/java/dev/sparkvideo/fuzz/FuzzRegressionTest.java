package dev.sparkvideo.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each input the fuzzer once broke the reader with, regenerated from its seed and case number, read in-process. */
class FuzzRegressionTest {

  @ParameterizedTest(name = "seed {0} case {1}: {2}")
  @CsvSource({
      "20261124, 453, exact mode on a damaged Matroska file with no frame rate: NPE unboxing a null fps"})
  void formerFailuresNowEndInFramesOrAVideoException(long seed, int n, String what) throws Exception {
    List<String> sources = FuzzTest.sources();
    Path source = Path.of(sources.get(n % sources.size()));
    String name = source.getFileName().toString();
    Path file = Files.createDirectories(Path.of("target", "fuzz-regressions"))
        .resolve("case-" + seed + "-" + n + name.substring(name.lastIndexOf('.')));
    Files.write(file, Mutator.mutate(Files.readAllBytes(source), seed * 1_000_003L + n));
    assertDoesNotThrow(() -> FuzzDriver.read(file.toAbsolutePath(), new Configuration()), what);
  }
}
