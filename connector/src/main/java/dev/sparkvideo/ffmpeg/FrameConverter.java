package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Turns decoded frames into the requested {@link FrameFormat} through FFmpeg's own filters, the chain the ffmpeg
 * command line runs for {@code -vf scale=W:H -pix_fmt FMT}: the autorotate filters ({@link Rotation}), {@code scale}
 * when a size is asked for, then {@code format}, whose conversion the graph makes with the scaler the command line
 * inserts. Raw formats are then packed into a Java array; JPEG and PNG frames are encoded from the graph's output.
 * Owns and reuses every native object it needs.
 */
final class FrameConverter implements AutoCloseable {
  private final String path;
  private final FrameFormat format;
  private final Integer requestedWidth;
  private final Integer requestedHeight;
  private final FilterGraph graph;
  private final PackedPixels pixels;
  private final ImageEncoder encoder;
  private AVFrame converted;
  private int width;
  private int height;
  private boolean closed;

  /**
   * @param streamMatrix the stream's display matrix ({@link Rotation#streamMatrix}), applied when a frame carries
   *     none, or {@code null}
   * @param autorotate whether frames are turned upright
   * @param threads filter threads (0: as many as cores)
   */
  FrameConverter(String path, Timestamps timeBase, int[] streamMatrix, FrameFormat format, Integer width,
      Integer height, boolean autorotate, int threads) {
    this.path = path;
    this.format = format;
    this.requestedWidth = width;
    this.requestedHeight = height;
    this.graph = new FilterGraph(path, timeBase,
        frame -> chain(autorotate ? Rotation.uprightFilters(frame, streamMatrix) : "", frame), threads);
    this.pixels = new PackedPixels(path);
    this.encoder = format.isEncoded() ? new ImageEncoder(path, format) : null;
    this.converted = av_frame_alloc();
    if (converted == null || converted.isNull()) {
      close();
      throw AvErrors.failure(path, "av_frame_alloc", AvErrors.ENOMEM, null);
    }
  }

  private String chain(String upright, AVFrame frame) {
    String scale = "";
    if (requestedWidth != null || requestedHeight != null) {
      boolean swap = upright.startsWith("transpose");
      int[] size = outputSize(swap ? frame.height() : frame.width(), swap ? frame.width() : frame.height(),
          requestedWidth, requestedHeight);
      scale = "scale=" + size[0] + ":" + size[1] + ",";
    }
    return upright + scale + "format=pix_fmts=" + filterFormat(format);
  }

  /**
   * Converts one decoded frame; {@link #width()} and {@link #height()} then describe the result.
   *
   * @param reuse an array the raw pixels may be written into when it has their exact size, or {@code null}
   */
  byte[] convert(AVFrame frame, byte[] reuse) {
    graph.push(frame);
    if (!graph.pull(converted)) {
      throw new VideoException(path, "the conversion filters returned no frame for a decoded frame");
    }
    try {
      width = converted.width();
      height = converted.height();
      return encoder != null ? encoder.encode(converted) : pixels.copy(converted, reuse);
    } finally {
      av_frame_unref(converted);
    }
  }

  /** Forgets frames of an earlier position (after a seek). */
  void reset() {
    graph.reset();
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
   * ratio when only one is given ({@code scale=W:-1}), or unchanged.
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

  /** The pixel format the filters end in: the output itself, or what the image encoder takes. */
  private static String filterFormat(FrameFormat format) {
    switch (format) {
      case BGR24:
        return "bgr24";
      case GRAY:
        return "gray";
      case YUV420P:
        return "yuv420p";
      case JPEG:
        return "yuvj420p";
      default:
        return "rgb24";
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    graph.close();
    pixels.close();
    if (encoder != null) {
      encoder.close();
    }
    if (converted != null) {
      av_frame_free(converted);
      converted = null;
    }
  }
}
