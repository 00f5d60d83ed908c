package dev.sparkvideo.ffmpeg;

/**
 * A request's guards on picture size ({@link FrameRequest#maxFramePixels()}, {@link FrameRequest#maxFrameBytes()}),
 * checked against what the stream declares before anything is allocated, and the frame size that reads without
 * pixels report.
 */
final class PictureLimits {
  private final String path;
  private final FrameFormat format;
  private final long maxPixels;
  private final long maxBytes;
  private final int width;
  private final int height;

  private PictureLimits(String path, FrameFormat format, long maxPixels, long maxBytes, int width, int height) {
    this.path = path;
    this.format = format;
    this.maxPixels = maxPixels;
    this.maxBytes = maxBytes;
    this.width = width;
    this.height = height;
  }

  /**
   * The limits of {@code request} for a stream described by {@code metadata}.
   *
   * @throws VideoException when the stream declares a picture over the limits
   */
  static PictureLimits of(String path, FrameRequest request, StreamMetadata metadata) {
    int w = metadata.width() == null ? 0 : metadata.width();
    int h = metadata.height() == null ? 0 : metadata.height();
    if (!request.autorotate() && Rotation.swapsSides(metadata.rotation())) {
      // Metadata sizes are upright; without rotation the frames keep the coded orientation.
      int t = w;
      w = h;
      h = t;
    }
    int[] out = w > 0 && h > 0
        ? FrameConverter.outputSize(w, h, request.width(), request.height()) : new int[] {0, 0};
    PictureLimits limits = new PictureLimits(path, request.format(), request.maxFramePixels(),
        request.maxFrameBytes(), out[0], out[1]);
    limits.checkPicture(w, h, "the stream declares");
    if (request.decodePixels()) {
      limits.checkOutput(out[0], out[1]);
    }
    return limits;
  }

  /** The width reported for frames read without pixels (after resize and rotation), 0 when unknown. */
  int width() {
    return width;
  }

  /** The height reported for frames read without pixels, 0 when unknown. */
  int height() {
    return height;
  }

  /** @throws VideoException when a {@code w x h} picture exceeds {@code maxFramePixels} */
  void checkPicture(long w, long h, String what) {
    if (w * h > maxPixels) {
      throw new VideoException(path, what + " a " + w + "x" + h + " picture, over maxFramePixels=" + maxPixels);
    }
  }

  /** @throws VideoException when a frame's {@code data} exceeds {@code maxFrameBytes} */
  void checkData(long bytes) {
    if (bytes > maxBytes) {
      throw new VideoException(path, "a " + format.optionName() + " frame of " + bytes + " bytes exceeds"
          + " maxFrameBytes=" + maxBytes);
    }
  }

  /** Raw output sizes are known before anything is allocated: refuse what would exceed the limit. */
  private void checkOutput(long w, long h) {
    long bytes = format == FrameFormat.YUV420P ? w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2)
        : format == FrameFormat.GRAY ? w * h : w * h * 3;
    if (!format.isEncoded() && bytes > maxBytes) {
      throw new VideoException(path, "a " + w + "x" + h + " " + format.optionName() + " frame needs " + bytes
          + " bytes, over maxFrameBytes=" + maxBytes);
    }
  }
}
