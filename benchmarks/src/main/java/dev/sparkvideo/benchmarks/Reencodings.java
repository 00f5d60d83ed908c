package dev.sparkvideo.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Benchmark files the connector's FFmpeg build cannot encode (libx264 with B-frames, libx265: GPL encoders it leaves
 * out), made by PyAV's in the peers' virtualenv from a file of {@link BenchmarkData}, once, next to it.
 */
final class Reencodings {
  /** An encoder of PyAV's and the prefix its files get. */
  enum Encoder {
    X264_B_FRAMES("libx264", "x264-bframes-", "libx264, 3 B-frames"),
    X265("libx265", "x265-", "HEVC by libx265, 3 B-frames");

    private final String codec;
    private final String prefix;
    final String description;

    Encoder(String codec, String prefix, String description) {
      this.codec = codec;
      this.prefix = prefix;
      this.description = description;
    }

    /** Where the re-encoding of {@code source} by this encoder is kept. */
    Path file(Path source) {
      return source.resolveSibling(prefix + source.getFileName());
    }
  }

  private final PythonPeers peers;

  Reencodings(PythonPeers peers) {
    this.peers = peers;
  }

  /** {@code source} re-encoded by {@code encoder} at 10 Mbit/s with a keyframe every 60 frames (made on first use). */
  Path of(Encoder encoder, Path source) throws Exception {
    Path target = encoder.file(source);
    if (!Files.exists(target)) {
      Path partial = source.resolveSibling(target.getFileName() + ".partial.mp4");
      peers.run("encode", encoder.codec, source.toString(), partial.toString());
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
