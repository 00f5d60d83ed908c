package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Turns decoded frames into the requested {@link FrameFormat}: scale and convert with swscale, turn upright, and
 * encode when an image file is wanted. Owns and reuses every buffer and context it needs.
 */
final class FrameConverter implements AutoCloseable {
  private boolean closed;
  private final FrameFormat format;
  private final Integer requestedWidth;
  private final Integer requestedHeight;
  private final int clockwise;
  private final ImageScaler scaler;
  private final ImageEncoder encoder;
  private int width;
  private int height;

  /**
   * @param clockwise the quarter turn to apply, 0, 90, 180 or 270
   */
  FrameConverter(String path, FrameFormat format, Integer width, Integer height, int clockwise) {
    this.format = format;
    this.requestedWidth = width;
    this.requestedHeight = height;
    this.clockwise = clockwise;
    this.scaler = new ImageScaler(path);
    this.encoder = format.isEncoded() ? new ImageEncoder(path, format) : null;
  }

  /**
   * Converts one decoded frame; {@link #width()} and {@link #height()} then describe the result.
   *
   * @param reuse an array the raw pixels may be written into when it has their exact size, or {@code null}
   */
  byte[] convert(AVFrame frame, byte[] reuse) {
    boolean swap = clockwise == 90 || clockwise == 270;
    int[] size = outputSize(swap ? frame.height() : frame.width(), swap ? frame.width() : frame.height(),
        requestedWidth, requestedHeight);
    width = size[0];
    height = size[1];
    int scaledWidth = swap ? height : width;
    int scaledHeight = swap ? width : height;
    int pixelFormat = pixelFormat(format);
    scaler.scale(frame, scaledWidth, scaledHeight, pixelFormat);
    if (clockwise == 0) {
      return encoder != null ? encoder.encode(scaler.output(), width, height) : scaler.outputBytes(reuse);
    }
    byte[] upright = format == FrameFormat.YUV420P
        ? Rotation.rotateYuv420p(scaler.outputBytes(null), scaledWidth, scaledHeight, clockwise)
        : Rotation.rotatePacked(scaler.outputBytes(null), scaledWidth, scaledHeight, bytesPerPixel(format), clockwise);
    return encoder != null ? encoder.encode(upright, width, height) : upright;
  }

  /** Width of the last converted frame. */
  int width() {
    return width;
  }

  /** Height of the last converted frame. */
  int height() {
    return height;
  }

  /**
   * The output size for a picture shown at {@code w x h}: as requested, or the other side following the aspect
   * ratio when only one is given, or unchanged.
   */
  static int[] outputSize(int w, int h, Integer requestedWidth, Integer requestedHeight) {
    if (requestedWidth != null && requestedHeight != null) {
      return new int[] {requestedWidth, requestedHeight};
    }
    if (requestedWidth != null) {
      return new int[] {requestedWidth, Math.max(1, (int) Math.round((double) h * requestedWidth / w))};
    }
    if (requestedHeight != null) {
      return new int[] {Math.max(1, (int) Math.round((double) w * requestedHeight / h)), requestedHeight};
    }
    return new int[] {w, h};
  }

  private static int pixelFormat(FrameFormat format) {
    switch (format) {
      case BGR24:
        return AV_PIX_FMT_BGR24;
      case GRAY:
        return AV_PIX_FMT_GRAY8;
      case YUV420P:
        return AV_PIX_FMT_YUV420P;
      default:
        return AV_PIX_FMT_RGB24;
    }
  }

  private static int bytesPerPixel(FrameFormat format) {
    return format.isEncoded() ? 3 : format.packedBytesPerPixel();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scaler.close();
    if (encoder != null) {
      encoder.close();
    }
  }
}
