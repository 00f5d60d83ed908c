package dev.sparkvideo.testing;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * What {@link VideoSynthesizer} should make: codec, container, picture size and pixel format, rate, GOP, B-frames,
 * interlacing, colour signalling, audio, rotation. Immutable; each {@code with*}-style method returns a changed copy.
 */
public final class VideoSpec {
  /** Containers the synthesizer writes, with their FFmpeg muxer names and muxer flags. */
  public enum Container {
    MP4_MOOV_AT_END("mp4", "mp4", ""),
    MP4_FASTSTART("mp4", "mp4", "+faststart"),
    MP4_FRAGMENTED("mp4", "mp4", "+frag_keyframe+empty_moov+default_base_moof"),
    MOV("mov", "mov", ""),
    MKV("matroska", "mkv", ""),
    WEBM("webm", "webm", ""),
    AVI("avi", "avi", ""),
    MPEG_TS("mpegts", "ts", ""),
    /** MPEG-2 program stream, as DVDs and broadcast recorders write it. */
    MPEG_PS("vob", "mpg", ""),
    /** A raw DV stream, as camcorders write it. */
    DV("dv", "dv", ""),
    /** Windows Media (ASF). */
    ASF("asf", "wmv", ""),
    /** 3GPP, as old phones wrote it. */
    THREE_GP("3gp", "3gp", ""),
    /** An animated GIF. */
    GIF("gif", "gif", "");

    final String muxer;
    final String extension;
    final String movflags;

    Container(String muxer, String extension, String movflags) {
      this.muxer = muxer;
      this.extension = extension;
      this.movflags = movflags;
    }

    public String extension() {
      return extension;
    }
  }

  /** Video encoders of the LGPL FFmpeg build, by FFmpeg encoder name. */
  public enum Codec {
    H264("libopenh264"), VP9("libvpx-vp9"), VP8("libvpx"), AV1("libaom-av1"), MPEG4("mpeg4"), MPEG2("mpeg2video"),
    FFV1("ffv1"), PRORES("prores_ks"), DNXHD("dnxhd"), DV("dvvideo"), WMV2("wmv2"), H263("h263"), GIF("gif");

    final String encoder;

    Codec(String encoder) {
      this.encoder = encoder;
    }
  }

  /** How pictures are scanned: progressive, or interlaced with one field first. */
  public enum Scan {
    PROGRESSIVE, TOP_FIELD_FIRST, BOTTOM_FIELD_FIRST
  }

  /**
   * What the encoder is told of the picture, which H.264 writes into its VUI and containers into their colour
   * fields: FFmpeg's AVColorRange, AVColorPrimaries, AVColorTransferCharacteristic and AVColorSpace codes (2 for
   * unspecified, range 0), and the sample aspect ratio (0/1 for none).
   */
  public record Signal(int range, int primaries, int transfer, int space, int sarNum, int sarDen) {
    public static final Signal NONE = new Signal(0, 2, 2, 2, 0, 1);
    /** BT.709, limited range: HD television and most phone video. */
    public static final Signal BT709 = new Signal(1, 1, 1, 1, 0, 1);
    /** BT.601 (SMPTE 170M), limited range: standard definition. */
    public static final Signal BT601 = new Signal(1, 6, 6, 6, 0, 1);
    /** BT.2020 with the PQ transfer (HDR10), limited range. */
    public static final Signal BT2020_PQ = new Signal(1, 9, 16, 9, 0, 1);
    /** BT.2020 with the HLG transfer (what phones record as HDR), limited range. */
    public static final Signal BT2020_HLG = new Signal(1, 9, 18, 9, 0, 1);
    /** BT.2020 with HLG in full range. */
    public static final Signal BT2020_HLG_FULL = new Signal(2, 9, 18, 9, 0, 1);

    String tag() {
      return equals(NONE) ? "" : String.format(Locale.ROOT, "-r%dp%dt%ds%d-sar%dx%d", range, primaries, transfer,
          space, sarNum, sarDen);
    }
  }

  /** The fields, filled by {@link #edit}. */
  private static final class Fields implements Cloneable {
    Codec codec;
    Container container;
    int width = 160;
    int height = 120;
    String pixelFormat = "yuv420p";
    int frames = 30;
    int fpsNum = 25;
    int fpsDen = 1;
    int gop = 10;
    int bFrames;
    long bitRate = 400_000;
    boolean audio;
    Double rotation;
    int grain;
    Signal signal = Signal.NONE;
    Scan scan = Scan.PROGRESSIVE;
    String timecode;

    @Override
    protected Fields clone() {
      try {
        return (Fields) super.clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final Fields f;

  private VideoSpec(Fields f) {
    this.f = f;
  }

  private VideoSpec edit(Consumer<Fields> change) {
    Fields copy = f.clone();
    change.accept(copy);
    return new VideoSpec(copy);
  }

  /** A small video: 160x120 yuv420p, 25 fps, 30 frames, a keyframe every 10. */
  public static VideoSpec of(Codec codec, Container container) {
    Fields f = new Fields();
    f.codec = codec;
    f.container = container;
    return new VideoSpec(f);
  }

  public VideoSpec size(int w, int h) {
    return edit(x -> {
      x.width = w;
      x.height = h;
    });
  }

  /** The encoder's input pixel format, by FFmpeg name: {@code yuv420p10le}, {@code yuv422p10le}, ... */
  public VideoSpec pixelFormat(String name) {
    return edit(x -> x.pixelFormat = name);
  }

  public VideoSpec frames(int n) {
    return edit(x -> x.frames = n);
  }

  public VideoSpec fps(int num, int den) {
    return edit(x -> {
      x.fpsNum = num;
      x.fpsDen = den;
    });
  }

  public VideoSpec gop(int n) {
    return edit(x -> x.gop = n);
  }

  public VideoSpec bFrames(int n) {
    return edit(x -> x.bFrames = n);
  }

  public VideoSpec bitRate(long bitsPerSecond) {
    return edit(x -> x.bitRate = bitsPerSecond);
  }

  public VideoSpec withAudio() {
    return edit(x -> x.audio = true);
  }

  /** Display rotation in degrees counter-clockwise, as {@code av_display_rotation_set} takes it (MP4 only). */
  public VideoSpec rotation(double degrees) {
    return edit(x -> x.rotation = degrees);
  }

  /** Adds strong per-pixel noise so that the encoder spends its bit rate (for large files): {@code grain(32)}. */
  public VideoSpec noise() {
    return grain(32);
  }

  /**
   * Adds per-pixel film grain of {@code levels} luma steps (0 for none, at most 256), new in every frame: the
   * encoder cannot predict it, so it sets how many bytes each frame takes; a few levels look like camera footage.
   */
  public VideoSpec grain(int levels) {
    if (levels < 0 || levels > 256) {
      throw new IllegalArgumentException("grain levels must be in [0, 256]: " + levels);
    }
    return edit(x -> x.grain = levels);
  }

  /** Signals colour range and description, and a sample aspect ratio, in the video stream. */
  public VideoSpec signal(Signal signal) {
    return edit(x -> x.signal = signal);
  }

  /** Encodes interlaced pictures (interlaced motion estimation and DCT where the encoder has them) in this order. */
  public VideoSpec scan(Scan scan) {
    return edit(x -> x.scan = scan);
  }

  /**
   * A start timecode ({@code HH:MM:SS:FF}) the muxer records: MOV writes it as a timecode ({@code tmcd}) track, a data
   * stream FFmpeg has no codec for.
   */
  public VideoSpec timecode(String timecode) {
    return edit(x -> x.timecode = timecode);
  }

  String timecodeValue() {
    return f.timecode;
  }

  Codec codec() {
    return f.codec;
  }

  Container container() {
    return f.container;
  }

  int width() {
    return f.width;
  }

  int height() {
    return f.height;
  }

  String pixelFormatName() {
    return f.pixelFormat;
  }

  int fpsNum() {
    return f.fpsNum;
  }

  int fpsDen() {
    return f.fpsDen;
  }

  int gopSize() {
    return f.gop;
  }

  int bFrameCount() {
    return f.bFrames;
  }

  long bitRateValue() {
    return f.bitRate;
  }

  boolean hasAudio() {
    return f.audio;
  }

  Double rotationDegrees() {
    return f.rotation;
  }

  int grainLevels() {
    return f.grain;
  }

  Signal signalling() {
    return f.signal;
  }

  /** How the pictures are scanned. */
  public Scan scanType() {
    return f.scan;
  }

  public int frameCount() {
    return f.frames;
  }

  /** Frames divided by the frame rate. */
  public double durationSeconds() {
    return f.frames * (double) f.fpsDen / f.fpsNum;
  }

  /** A file name that says what the file is. */
  public String fileName() {
    return String.format(Locale.ROOT, "%s-%s-%dx%d-%df%s%s%s%s%s%s%s%s%s.%s", f.codec.name().toLowerCase(Locale.ROOT),
        f.container.name().toLowerCase(Locale.ROOT), f.width, f.height, f.frames,
        f.fpsNum == 25 && f.fpsDen == 1 ? "" : "-" + f.fpsNum + "by" + f.fpsDen,
        f.gop == 10 ? "" : "-gop" + f.gop,
        f.bFrames > 0 ? "-b" + f.bFrames : "", f.audio ? "-audio" : "",
        f.rotation != null ? "-rot" + f.rotation.intValue() : "", f.grain > 0 ? "-g" + f.grain : "",
        f.pixelFormat.equals("yuv420p") ? "" : "-" + f.pixelFormat,
        f.scan == Scan.PROGRESSIVE ? "" : f.scan == Scan.TOP_FIELD_FIRST ? "-tff" : "-bff",
        f.signal.tag() + (f.bitRate == 400_000 ? "" : "-br" + f.bitRate) + (f.timecode == null ? "" : "-tc"),
        f.container.extension);
  }

  @Override
  public String toString() {
    return fileName();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoSpec s && s.fileName().equals(fileName());
  }

  @Override
  public int hashCode() {
    return fileName().hashCode();
  }
}
