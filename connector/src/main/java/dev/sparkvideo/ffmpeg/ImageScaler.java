package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_count_planes;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * swscale from any source picture into a tightly packed (no row padding) destination buffer that it owns and reuses.
 * Decoded frames go through {@code sws_scale_frame} with a default context: FFmpeg's default conversion, which
 * reproduces torchcodec's reference frames bit for bit (the legacy {@code sws_scale} path differs by up to 24 levels
 * on 4:2:0 input).
 */
final class ImageScaler implements AutoCloseable {
  private boolean closed;
  private final String path;
  private SwsContext sws;
  private SwsContext frameSws;
  private AVFrame frameDst;
  private BytePointer buffer;
  private int bufferCapacity;
  private BytePointer packed;
  private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
  private final IntPointer dstLinesize = new IntPointer(4);
  private int outputSize;

  ImageScaler(String path) {
    this.path = path;
  }

  /**
   * Converts one picture.
   *
   * @return the number of bytes now in {@link #output()}
   */
  int scale(PointerPointer<?> srcData, IntPointer srcLinesize, int srcWidth, int srcHeight, int srcFormat,
      int dstWidth, int dstHeight, int dstFormat) {
    sws = sws_getCachedContext(sws, srcWidth, srcHeight, srcFormat, dstWidth, dstHeight, dstFormat, SWS_BICUBIC,
        null, null, (DoublePointer) null);
    if (sws == null || sws.isNull()) {
      throw new VideoException(path, "sws_getCachedContext", AvErrors.EINVAL, "cannot convert pixel format "
          + srcFormat + " " + srcWidth + "x" + srcHeight + " to " + dstFormat + " " + dstWidth + "x" + dstHeight, null);
    }
    int size = av_image_get_buffer_size(dstFormat, dstWidth, dstHeight, 1);
    if (size < 0) {
      throw AvErrors.failure(path, "av_image_get_buffer_size", size, null);
    }
    ensureCapacity(size);
    int ret = av_image_fill_arrays(dstData, dstLinesize, buffer, dstFormat, dstWidth, dstHeight, 1);
    if (ret < 0) {
      throw AvErrors.failure(path, "av_image_fill_arrays", ret, null);
    }
    ret = sws_scale(sws, srcData, srcLinesize, 0, srcHeight, dstData, dstLinesize);
    if (ret < 0) {
      throw AvErrors.failure(path, "sws_scale", ret, null);
    }
    packed = buffer;
    outputSize = size;
    return size;
  }

  /**
   * Converts a decoded frame with {@code sws_scale_frame}, FFmpeg's frame API, which reads the frame's own colour
   * properties; the result is tightly packed in {@link #output()}.
   */
  int scale(AVFrame src, int dstWidth, int dstHeight, int dstFormat) {
    if (frameSws == null) {
      frameSws = sws_alloc_context();
      frameDst = av_frame_alloc();
      if (frameSws == null || frameSws.isNull() || frameDst == null || frameDst.isNull()) {
        throw AvErrors.failure(path, "sws_alloc_context", AvErrors.ENOMEM, null);
      }
    }
    if (frameDst.width() != dstWidth || frameDst.height() != dstHeight || frameDst.format() != dstFormat) {
      av_frame_unref(frameDst);
      frameDst.width(dstWidth).height(dstHeight).format(dstFormat);
      int ret = av_frame_get_buffer(frameDst, 0);
      if (ret < 0) {
        throw AvErrors.failure(path, "av_frame_get_buffer", ret, null);
      }
    }
    int ret = sws_scale_frame(frameSws, frameDst, src);
    if (ret < 0) {
      throw AvErrors.failure(path, "sws_scale_frame", ret, null);
    }
    int size = av_image_get_buffer_size(dstFormat, dstWidth, dstHeight, 1);
    if (size < 0) {
      throw AvErrors.failure(path, "av_image_get_buffer_size", size, null);
    }
    if (av_pix_fmt_count_planes(dstFormat) == 1 && (long) frameDst.linesize(0) * dstHeight == size) {
      // One plane without row padding (RGB, BGR and gray at most widths): already packed, no copy needed. Planar
      // formats always go through the copy: their size can equal one padded plane's (42x21 yuv420p: 64 x 21).
      packed = frameDst.data(0);
    } else {
      ensureCapacity(size);
      ret = av_image_copy_to_buffer(buffer, size, frameDst.data(), frameDst.linesize(), dstFormat, dstWidth,
          dstHeight, 1);
      if (ret < 0) {
        throw AvErrors.failure(path, "av_image_copy_to_buffer", ret, null);
      }
      packed = buffer;
    }
    outputSize = size;
    return size;
  }

  /** The tightly packed pixels of the last {@link #scale}; valid until the next call. */
  BytePointer output() {
    return packed;
  }

  /**
   * A heap copy of the last {@link #scale}'s output: into {@code reuse} when it has exactly the output's size,
   * else into a new array.
   */
  byte[] outputBytes(byte[] reuse) {
    byte[] out = reuse != null && reuse.length == outputSize ? reuse : new byte[outputSize];
    packed.position(0).get(out, 0, outputSize);
    return out;
  }

  private void ensureCapacity(int size) {
    if (buffer != null && bufferCapacity >= size) {
      return;
    }
    freeBuffer();
    // Extra bytes past the image: some swscale paths write a few bytes beyond the last row.
    int capacity = size + 64;
    org.bytedeco.javacpp.Pointer p = av_malloc(capacity);
    if (p == null || p.isNull()) {
      throw AvErrors.failure(path, "av_malloc", AvErrors.ENOMEM, null);
    }
    buffer = new BytePointer(p).capacity(capacity);
    bufferCapacity = capacity;
  }

  private void freeBuffer() {
    if (buffer != null) {
      av_free(buffer);
      buffer = null;
      bufferCapacity = 0;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    packed = null;
    freeBuffer();
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
    if (frameSws != null) {
      sws_freeContext(frameSws);
      frameSws = null;
    }
    if (frameDst != null) {
      av_frame_free(frameDst);
      frameDst = null;
    }
    dstData.close();
    dstLinesize.close();
  }
}
