package dev.sparkvideo.testing;

import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSpec.Scan;
import dev.sparkvideo.testing.VideoSpec.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * Videos shaped like what users have (phones, cameras, broadcast and DVD recorders, archives, old datasets), made by
 * the tests with FFmpeg's encoders and muxers, plus torchcodec's conformance videos when {@code ../shared} is there.
 * Each class is one way real files differ: colour standard and range, bit depth, chroma layout, interlacing,
 * rotation, containers without presentation times, recordings that start mid-GOP.
 */
public final class UserVideos {
  /**
   * A video and the stream tests read from it, named for test reports, with the ffmpeg command line's input options
   * that make it decode as the connector does (empty for nearly every video).
   */
  public record Video(String name, Path file, int stream, List<String> referenceOptions) {
    public Video(String name, Path file, int stream) {
      this(name, file, stream, List.of());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final Path DERIVED = Path.of("target", "fixtures", "derived").toAbsolutePath();
  private static final VideoSpec SMALL_H264 = VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).frames(12);

  /** MPEG-2 as broadcast sends it: interlaced, top field first, B-frames in open GOPs, in MPEG-TS. */
  public static final VideoSpec MPEG2_TFF_TS = VideoSpec.of(Codec.MPEG2, Container.MPEG_TS).size(320, 240)
      .frames(12).gop(6).bFrames(2).bitRate(2_000_000).scan(Scan.TOP_FIELD_FIRST);
  /** MPEG-2 as DVD recorders write it: interlaced, bottom field first, in an MPEG-2 program stream. */
  public static final VideoSpec MPEG2_BFF_PS = VideoSpec.of(Codec.MPEG2, Container.MPEG_PS).size(320, 240)
      .frames(12).gop(6).bFrames(2).bitRate(2_000_000).scan(Scan.BOTTOM_FIELD_FIRST);
  /** MPEG-4 Part 2 with B-frames in AVI (DivX/XviD style): packets carry decoding times only. */
  public static final VideoSpec MPEG4_AVI_B_FRAMES = VideoSpec.of(Codec.MPEG4, Container.AVI).frames(24).gop(12)
      .bFrames(2);
  /** A broadcast capture: MPEG-2 with open GOPs, to be cut in the middle of a GOP. */
  public static final VideoSpec MPEG2_LONG_TS = VideoSpec.of(Codec.MPEG2, Container.MPEG_TS).size(320, 240)
      .frames(40).gop(12).bFrames(2).bitRate(2_000_000);
  /** An H.264 transport stream, to be cut in the middle of a GOP. */
  public static final VideoSpec H264_LONG_TS = VideoSpec.of(Codec.H264, Container.MPEG_TS).frames(40).gop(12);

  private UserVideos() {}

  /** Every generated class whose pixels must equal the ffmpeg command line's. */
  public static List<Video> generated() {
    List<Video> out = new ArrayList<>();
    add(out, "h264-untagged", SMALL_H264);
    add(out, "h264-bt601", SMALL_H264.signal(Signal.BT601));
    add(out, "h264-bt709", SMALL_H264.signal(Signal.BT709));
    add(out, "h264-bt709-full-range", SMALL_H264.signal(new Signal(2, 1, 1, 1, 0, 1)));
    add(out, "h264-rotated-90", SMALL_H264.rotation(-90));
    add(out, "h264-rotated-180", SMALL_H264.rotation(180));
    add(out, "h264-rotated-270", SMALL_H264.rotation(90));
    add(out, "mpeg2-interlaced-tff-ts", MPEG2_TFF_TS);
    add(out, "mpeg2-interlaced-bff-ps", MPEG2_BFF_PS);
    add(out, "dv-pal", VideoSpec.of(Codec.DV, Container.DV).size(720, 576).frames(4)
        .scan(Scan.BOTTOM_FIELD_FIRST));
    add(out, "ffv1-10bit-420-bt2020-pq", VideoSpec.of(Codec.FFV1, Container.MKV).frames(6)
        .pixelFormat("yuv420p10le").signal(Signal.BT2020_PQ));
    add(out, "ffv1-12bit-444-bt2020-hlg-full", VideoSpec.of(Codec.FFV1, Container.MKV).frames(6)
        .pixelFormat("yuv444p12le").signal(Signal.BT2020_HLG_FULL));
    add(out, "ffv1-10bit-422-untagged", VideoSpec.of(Codec.FFV1, Container.MKV).frames(6)
        .pixelFormat("yuv422p10le"));
    add(out, "ffv1-8bit-full-range", VideoSpec.of(Codec.FFV1, Container.MKV).frames(6)
        .signal(new Signal(2, 1, 1, 1, 0, 1)));
    add(out, "prores-10bit-422-bt709", VideoSpec.of(Codec.PRORES, Container.MOV).frames(6)
        .pixelFormat("yuv422p10le").signal(Signal.BT709));
    add(out, "prores-10bit-444-bt2020-pq", VideoSpec.of(Codec.PRORES, Container.MOV).frames(6)
        .pixelFormat("yuv444p10le").signal(Signal.BT2020_PQ));
    add(out, "av1-10bit-bt2020-hlg", VideoSpec.of(Codec.AV1, Container.MKV).frames(8)
        .pixelFormat("yuv420p10le").signal(Signal.BT2020_HLG));
    add(out, "mpeg4-avi-b-frames", MPEG4_AVI_B_FRAMES);
    return out;
  }

  /**
   * Codecs and containers whose stream metadata FFmpeg fills from different places (the container's aspect ratio
   * where the codec has none, a codec's own aspect ratio to reduce, a data stream without a codec).
   */
  public static List<Video> metadataClasses() {
    List<Video> out = new ArrayList<>();
    add(out, "prores-mov-with-timecode", VideoSpec.of(Codec.PRORES, Container.MOV).frames(3)
        .pixelFormat("yuv422p10le").timecode("01:00:00:00"));
    add(out, "dnxhr-mov", VideoSpec.of(Codec.DNXHD, Container.MOV).size(1280, 720).frames(2)
        .pixelFormat("yuv422p"));
    add(out, "vp8-webm", VideoSpec.of(Codec.VP8, Container.WEBM).frames(6));
    add(out, "wmv2-asf", VideoSpec.of(Codec.WMV2, Container.ASF).frames(6));
    add(out, "h263-3gp", VideoSpec.of(Codec.H263, Container.THREE_GP).size(176, 144).frames(6));
    add(out, "gif", VideoSpec.of(Codec.GIF, Container.GIF).frames(4).pixelFormat("rgb8")
        .signal(new Signal(0, 2, 2, 2, 1, 1)));
    add(out, "h264-anamorphic", SMALL_H264.signal(new Signal(0, 2, 2, 2, 12, 11)));
    return out;
  }

  /**
   * torchcodec's videos (H.264 and HEVC at 10 bits, full range, 4:4:4, AV1), and H.264 with B-frames remuxed into
   * AVI; empty without {@code ../shared/conformance}.
   */
  public static List<Video> conformance() {
    Path dir = Fixtures.conformance();
    List<Video> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    Path t = dir.resolve("torchcodec");
    for (String name : List.of("h264_10bits.mp4", "h265_10bits.mp4", "h265_video.mp4", "bt709_full_range.mp4",
        "av1_video.mkv", "var_fps_video.mp4")) {
      out.add(new Video(name, t.resolve(name), 0));
    }
    out.add(h264AviWithBFrames());
    return out;
  }

  /** H.264 with B-frames (torchcodec's 10-bit clip) copied into AVI, or {@code null} without the conformance set. */
  public static Video h264AviWithBFrames() {
    Path dir = Fixtures.conformance();
    if (dir == null) {
      return null;
    }
    try {
      return new Video("h264-avi-b-frames",
          Remuxer.copy(dir.resolve("torchcodec").resolve("h264_10bits.mp4"), 0, "avi", "avi", "h264_mp4toannexb",
              DERIVED), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * x264's H.264 with B-frames (torchcodec's NASA clip, 325 frames, reorder depth 2) copied into Matroska and MPEG-TS,
   * whose demuxers, unlike MP4's, give no reorder depth: each as it is, where the parameter set declares the depth
   * (a VUI bitstream restriction, as x264 writes), and with the restriction removed ("undeclared-depth"), as encoders
   * that declare none write it (FFmpeg's decoder then guesses the depth from the pictures). Empty without the
   * conformance set; the edited copies need the ffmpeg command line to find the flag's bit, and are left out (or,
   * where the command line is required, fail) without it.
   */
  public static List<Video> h264WithoutContainerReorderDepth() {
    Path dir = Fixtures.conformance();
    List<Video> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    Path nasa = dir.resolve("torchcodec").resolve("nasa_13013.mp4");
    try {
      out.add(new Video("h264-b-frames-mkv", Remuxer.copy(nasa, 0, "matroska", "mkv", DERIVED), 0));
      out.add(new Video("h264-b-frames-ts", Remuxer.copy(nasa, 0, "mpegts", "ts", "h264_mp4toannexb", DERIVED), 0));
      Remuxer.ConfigurationEdit noRestriction = withoutBitstreamRestriction(nasa);
      if (noRestriction != null) {
        // The command line's default decoder guesses the depth and drops a frame; the connector's holds back as
        // many frames as the level allows, as the command line's does with -strict strict.
        List<String> strict = List.of("-strict", "strict");
        out.add(new Video("h264-b-frames-undeclared-depth-mkv",
            Remuxer.copy(nasa, 0, "matroska", "mkv", null, noRestriction, DERIVED), 0, strict));
        out.add(new Video("h264-b-frames-undeclared-depth-ts",
            Remuxer.copy(nasa, 0, "mpegts", "ts", "h264_mp4toannexb", noRestriction, DERIVED), 0, strict));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The edit that removes the SPS's bitstream restriction of {@code file}, or null without the command line. */
  private static Remuxer.ConfigurationEdit withoutBitstreamRestriction(Path file) {
    FfmpegCommandLine cli;
    try {
      cli = FfmpegCommandLine.get();
    } catch (TestAbortedException e) {
      return null;
    }
    long flagBit = cli.sequenceParameterSet(file, 0).stream()
        .filter(e -> e.name().equals("bitstream_restriction_flag")).findFirst().orElseThrow().bitPosition();
    return new Remuxer.ConfigurationEdit() {
      @Override
      public String name() {
        return "no-bitstream-restriction";
      }

      @Override
      public byte[] apply(byte[] extradata) {
        return AvcConfigurationEditor.withoutBitstreamRestriction(extradata, flagBit);
      }
    };
  }

  /** Transport streams cut at about 40% of their bytes: the first frames reference pictures that are not there. */
  public static List<Video> cutMidGop() {
    List<Video> out = new ArrayList<>();
    for (VideoSpec spec : List.of(H264_LONG_TS, MPEG2_LONG_TS)) {
      Path whole = Fixtures.video(spec);
      try {
        Path cut = Remuxer.tail(whole, (long) (Files.size(whole) * 0.4), DERIVED);
        out.add(new Video(spec.codec().name().toLowerCase(java.util.Locale.ROOT) + "-ts-cut-mid-gop", cut, 0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static void add(List<Video> out, String name, VideoSpec spec) {
    out.add(new Video(name, Fixtures.video(spec), 0));
  }
}
