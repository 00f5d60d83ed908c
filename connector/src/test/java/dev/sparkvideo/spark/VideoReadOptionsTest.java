package dev.sparkvideo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.ffmpeg.FrameFormat;
import dev.sparkvideo.ffmpeg.SeekMode;
import java.util.Map;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.Test;

class VideoReadOptionsTest {
  private static VideoReadOptions parse(Map<String, String> options) {
    return VideoReadOptions.parse(new CaseInsensitiveStringMap(options), 128L << 20);
  }

  @Test
  void defaults() {
    VideoReadOptions o = parse(Map.of("path", "/x"));
    assertEquals(VideoReadOptions.Mode.FRAMES, o.mode());
    assertEquals(SeekMode.APPROXIMATE, o.seekMode());
    assertEquals(FrameFormat.RGB24, o.frameFormat());
    assertEquals(128L << 20, o.maxPartitionBytes(), "the session's spark.sql.files.maxPartitionBytes");
    assertEquals(65536, o.ioBufferSize(false), "reads that jump: 64 KiB");
    assertEquals(1 << 20, o.ioBufferSize(true), "reads of whole files: 1 MiB");
    assertEquals(1, o.threads());
    assertTrue(o.autorotate());
  }

  @Test
  void keysAreCaseInsensitiveAndSparksOwnAndCatalogKeysAreAccepted() {
    VideoReadOptions o = parse(Map.of("MODE", "Metadata", "seekmode", "EXACT", "ignoreMissingFiles", "false",
        "fs.s3a.endpoint", "http://127.0.0.1:9000", "modifiedBefore", "2024-01-01T00:00:00", "basePath", "/x",
        "owner", "someone", "provider", "video", "location", "/x", "__globPaths__", "false"));
    assertEquals(VideoReadOptions.Mode.METADATA, o.mode());
    assertEquals(SeekMode.EXACT, o.seekMode());
  }

  @Test
  void sizesTakeBytesOrSparksNotation() {
    VideoReadOptions o = parse(Map.of("maxPartitionBytes", "64m", "ioBufferSize", "256k", "maxFrameBytes", "1g"));
    assertEquals(64L << 20, o.maxPartitionBytes(), "as spark.sql.files.maxPartitionBytes takes it");
    assertEquals(256 << 10, o.ioBufferSize(true));
    assertEquals(256 << 10, o.ioBufferSize(false));
    assertEquals(1L << 30, o.maxFrameBytes());
    assertEquals(67108864L, parse(Map.of("maxPartitionBytes", "67108864")).maxPartitionBytes(), "plain bytes");
    assertTrue(message(Map.of("maxPartitionBytes", "lots")).contains(
        "maxPartitionBytes: expected a size in bytes from 1 to 9223372036854775807, such as 134217728 or 128m"));
    assertTrue(message(Map.of("maxFrameBytes", "4g")).contains("maxFrameBytes: expected a size in bytes from 1 to"
        + " 2147483647"), "over the largest array");
    assertTrue(message(Map.of("ioBufferSize", "1k")).contains("ioBufferSize: expected a size in bytes from 4096"));
    assertTrue(message(Map.of("maxPartitionBytes", "0")).contains("maxPartitionBytes"));
  }

  @Test
  void errorsNameTheOptionAndTheAllowedValues() {
    assertTrue(message(Map.of("seekMode", "fast")).contains("seekMode: expected one of approximate, exact"));
    assertTrue(message(Map.of("threads", "100")).contains("threads: expected an integer from 0 to 64"));
    assertTrue(message(Map.of("autorotate", "yes")).contains("autorotate: expected true or false"));
    assertTrue(message(Map.of("ioBufferSize", "1024")).contains("ioBufferSize"));
    String unknown = message(Map.of("fps", "1"));
    assertTrue(unknown.contains("Unknown option [fps]") && unknown.contains("frameStep")
        && unknown.contains("basePath"), unknown);
  }

  private static String message(Map<String, String> options) {
    return assertThrows(IllegalArgumentException.class, () -> parse(options)).getMessage();
  }
}
