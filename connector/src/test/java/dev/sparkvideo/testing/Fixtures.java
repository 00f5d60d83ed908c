package dev.sparkvideo.testing;

import dev.sparkvideo.io.HadoopSeekableInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** Where tests find their videos: generated ones (cached per build) and torchcodec's conformance set. */
public final class Fixtures {
  private static final Path GENERATED = Path.of("target", "fixtures").toAbsolutePath();

  private Fixtures() {}

  /** The file for {@code spec}, generated on first use in this build. */
  public static synchronized Path video(VideoSpec spec) {
    try {
      return VideoSynthesizer.writeInto(GENERATED, spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scratch directory for one test class. */
  public static Path scratch(String name) {
    try {
      return Files.createDirectories(Path.of("target", "scratch", name).toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a local file through Hadoop's local FileSystem, as the connector does for any path. */
  public static HadoopSeekableInput open(Path file) {
    try {
      return HadoopSeekableInput.open(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * torchcodec's conformance directory ({@code ../shared/conformance} beside the checkout), or {@code null} when
   * this checkout has none.
   */
  public static Path conformance() {
    Path dir = conformanceLocation();
    return Files.isDirectory(dir.resolve("torchcodec")) ? dir : null;
  }

  /**
   * torchcodec's conformance directory; when this checkout has none, skips the calling test with a message that says
   * where it looked, how to provide it, and what is therefore not checked.
   */
  public static Path requireConformance(String notChecked) {
    Path dir = conformance();
    org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, () -> "torchcodec's conformance videos are absent (no "
        + conformanceLocation().resolve("torchcodec") + "; check out ../shared beside the project or set "
        + "-Dconformance.dir=DIR): not checked: " + notChecked);
    return dir;
  }

  private static Path conformanceLocation() {
    String configured = System.getProperty("conformance.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "conformance");
    return dir.toAbsolutePath().normalize();
  }
}
