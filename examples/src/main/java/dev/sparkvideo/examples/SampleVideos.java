package dev.sparkvideo.examples;

import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The quick start's sample videos, made with FFmpeg's encoders: a 10 s 1080p H.264 MP4 with its index at the end,
 * VP9 in Matroska (with audio) and WebM, AV1, and MPEG-4 with B-frames in AVI. The Python tests read them too.
 *
 * <p>Usage: {@code SampleVideos DIR}; files already there are kept.
 */
public final class SampleVideos {
  /** The samples, each written under its {@link VideoSpec#fileName()}. */
  public static final List<VideoSpec> SPECS = List.of(
      VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1920, 1080).fps(30000, 1001).frames(300).gop(60)
          .bitRate(8_000_000).noise(),
      VideoSpec.of(Codec.VP9, Container.MKV).size(640, 360).frames(75).withAudio(),
      VideoSpec.of(Codec.VP9, Container.WEBM).size(640, 360).frames(50),
      VideoSpec.of(Codec.AV1, Container.MKV).size(320, 240).frames(50),
      VideoSpec.of(Codec.MPEG4, Container.AVI).size(480, 270).frames(60).bFrames(2));

  private SampleVideos() {}

  /**
   * Writes the samples missing from {@code dir}.
   *
   * @return the bytes of all the samples
   */
  public static long write(Path dir) throws IOException {
    long total = 0;
    for (VideoSpec spec : SPECS) {
      total += Files.size(VideoSynthesizer.writeInto(dir, spec));
    }
    return total;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: SampleVideos DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    write(dir);
    System.out.println("Sample videos in " + dir);
  }
}
