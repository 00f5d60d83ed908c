package dev.sparkvideo.testing;

import java.util.Locale;

/**
 * What {@link VideoSynthesizer} should make: codec, container, picture size, rate, GOP, B-frames, audio, rotation.
 * Immutable; each {@code with*} returns a changed copy.
 */
public final class VideoSpec {
  /** Containers the synthesizer writes, with their FFmpeg muxer names and muxer flags. */
  public enum Container {
    MP4_MOOV_AT_END("mp4", "mp4", ""),
    MP4_FASTSTART("mp4", "mp4", "+faststart"),
    MP4_FRAGMENTED("mp4", "mp4", "+frag_keyframe+empty_moov+default_base_moof"),
    MKV("matroska", "mkv", ""),
    WEBM("webm", "webm", ""),
    AVI("avi", "avi", ""),
    MPEG_TS("mpegts", "ts", "");

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
    H264("libopenh264"), VP9("libvpx-vp9"), AV1("libaom-av1"), MPEG4("mpeg4");

    final String encoder;

    Codec(String encoder) {
      this.encoder = encoder;
    }
  }

  final Codec codec;
  final Container container;
  final int width;
  final int height;
  final int frames;
  final int fpsNum;
  final int fpsDen;
  final int gop;
  final int bFrames;
  final long bitRate;
  final boolean audio;
  final Double rotation;
  final int grain;
  final Signal signal;

  private VideoSpec(Codec codec, Container container, int width, int height, int frames, int fpsNum, int fpsDen,
      int gop, int bFrames, long bitRate, boolean audio, Double rotation, int grain, Signal signal) {
    this.codec = codec;
    this.container = container;
    this.width = width;
    this.height = height;
    this.frames = frames;
    this.fpsNum = fpsNum;
    this.fpsDen = fpsDen;
    this.gop = gop;
    this.bFrames = bFrames;
    this.bitRate = bitRate;
    this.audio = audio;
    this.rotation = rotation;
    this.grain = grain;
    this.signal = signal;
  }

  /**
   * What the encoder is told of the picture, which H.264 writes into its VUI: FFmpeg's AVColorRange,
   * AVColorPrimaries, AVColorTransferCharacteristic and AVColorSpace codes (2 for unspecified, range 0), and the
   * sample aspect ratio (0/1 for none).
   */
  public record Signal(int range, int primaries, int transfer, int space, int sarNum, int sarDen) {
    public static final Signal NONE = new Signal(0, 2, 2, 2, 0, 1);

    String tag() {
      return equals(NONE) ? "" : String.format(Locale.ROOT, "-r%dp%dt%ds%d-sar%dx%d", range, primaries, transfer,
          space, sarNum, sarDen);
    }
  }

  /** A small H.264 MP4 (moov at the end): 160x120, 25 fps, 30 frames, a keyframe every 10. */
  public static VideoSpec of(Codec codec, Container container) {
    return new VideoSpec(codec, container, 160, 120, 30, 25, 1, 10, 0, 400_000, false, null, 0, Signal.NONE);
  }

  public VideoSpec size(int w, int h) {
    return new VideoSpec(codec, container, w, h, frames, fpsNum, fpsDen, gop, bFrames, bitRate, audio, rotation,
        grain, signal);
  }

  public VideoSpec frames(int n) {
    return new VideoSpec(codec, container, width, height, n, fpsNum, fpsDen, gop, bFrames, bitRate, audio, rotation,
        grain, signal);
  }

  public VideoSpec fps(int num, int den) {
    return new VideoSpec(codec, container, width, height, frames, num, den, gop, bFrames, bitRate, audio, rotation,
        grain, signal);
  }

  public VideoSpec gop(int n) {
    return new VideoSpec(codec, container, width, height, frames, fpsNum, fpsDen, n, bFrames, bitRate, audio,
        rotation, grain, signal);
  }

  public VideoSpec bFrames(int n) {
    return new VideoSpec(codec, container, width, height, frames, fpsNum, fpsDen, gop, n, bitRate, audio, rotation,
        grain, signal);
  }

  public VideoSpec bitRate(long bitsPerSecond) {
    return new VideoSpec(codec, container, width, height, frames, fpsNum, fpsDen, gop, bFrames, bitsPerSecond, audio,
        rotation, grain, signal);
  }

  public VideoSpec withAudio() {
    return new VideoSpec(codec, container, width, height, frames, fpsNum, fpsDen, gop, bFrames, bitRate, true,
        rotation, grain, signal);
  }

  /** Display rotation in degrees counter-clockwise, as {@code av_display_rotation_set} takes it (MP4 only). */
  public VideoSpec rotation(double degrees) {
    return new VideoSpec(codec, container, width, height, frames, fpsNum, fpsDen, gop, bFrames, bitRate, audio,
        degrees, grain, signal);
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
    return new VideoSpec(codec, container, width, height, frames, fpsNum, fpsDen, gop, bFrames, bitRate, audio,
        rotation, levels, signal);
  }

  /** Signals colour range and description, and a sample aspect ratio, in the video stream. */
  public VideoSpec signal(Signal signal) {
    return new VideoSpec(codec, container, width, height, frames, fpsNum, fpsDen, gop, bFrames, bitRate, audio,
        rotation, grain, signal);
  }

  public int frameCount() {
    return frames;
  }

  /** Frames divided by the frame rate. */
  public double durationSeconds() {
    return frames * (double) fpsDen / fpsNum;
  }

  /** A file name that says what the file is. */
  public String fileName() {
    return String.format(Locale.ROOT, "%s-%s-%dx%d-%df%s%s%s%s%s.%s", codec.name().toLowerCase(Locale.ROOT),
        container.name().toLowerCase(Locale.ROOT), width, height, frames, bFrames > 0 ? "-b" + bFrames : "",
        audio ? "-audio" : "", rotation != null ? "-rot" + rotation.intValue() : "", grain > 0 ? "-g" + grain : "",
        signal.tag(), container.extension);
  }
}
