package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_linesizes;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_count_planes;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Copies a picture out of an AVFrame into a Java array, plane after plane, rows without padding: one copy, row by
 * row from FFmpeg's buffers. Pictures stored bottom-up (negative line sizes, as {@code vflip} leaves them) go through
 * {@code av_image_copy_to_buffer} into a scratch buffer first.
 */
final class PackedPixels implements AutoCloseable {
  private final String path;
  private final IntPointer rowBytes = new IntPointer(4);
  private BytePointer scratch;
  private int scratchSize;
  private boolean closed;

  PackedPixels(String path) {
    this.path = path;
  }

  /** Bytes of {@code frame}'s picture once packed. */
  int size(AVFrame frame) {
    int size = av_image_get_buffer_size(frame.format(), frame.width(), frame.height(), 1);
    if (size < 0) {
      throw AvErrors.failure(path, "av_image_get_buffer_size", size, null);
    }
    return size;
  }

  /**
   * The picture of {@code frame}, packed: into {@code reuse} when it has exactly the packed size, else into a new
   * array.
   */
  byte[] copy(AVFrame frame, byte[] reuse) {
    int size = size(frame);
    byte[] out = reuse != null && reuse.length == size ? reuse : new byte[size];
    int planes = av_pix_fmt_count_planes(frame.format());
    boolean topDown = true;
    for (int p = 0; p < planes; p++) {
      topDown &= frame.linesize(p) > 0;
    }
    if (!topDown) {
      copyThroughScratch(frame, out);
      return out;
    }
    int ret = av_image_fill_linesizes(rowBytes, frame.format(), frame.width());
    if (ret < 0) {
      throw AvErrors.failure(path, "av_image_fill_linesizes", ret, null);
    }
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(frame.format());
    int offset = 0;
    for (int p = 0; p < planes; p++) {
      int rows = p == 1 || p == 2 ? -((-frame.height()) >> desc.log2_chroma_h()) : frame.height();
      int bytes = rowBytes.get(p);
      long stride = frame.linesize(p);
      BytePointer plane = frame.data(p);
      if (stride == bytes) {
        plane.position(0).get(out, offset, bytes * rows);
        offset += bytes * rows;
      } else {
        for (int r = 0; r < rows; r++) {
          plane.position(r * stride).get(out, offset, bytes);
          offset += bytes;
        }
      }
      plane.position(0);
    }
    return out;
  }

  private void copyThroughScratch(AVFrame frame, byte[] out) {
    if (scratch == null || scratchSize < out.length) {
      freeScratch();
      scratch = new BytePointer(out.length);
      scratchSize = out.length;
    }
    int ret = av_image_copy_to_buffer(scratch, out.length, frame.data(), frame.linesize(), frame.format(),
        frame.width(), frame.height(), 1);
    if (ret < 0) {
      throw AvErrors.failure(path, "av_image_copy_to_buffer", ret, null);
    }
    scratch.position(0).get(out, 0, out.length);
  }

  private void freeScratch() {
    if (scratch != null) {
      scratch.close();
      scratch = null;
      scratchSize = 0;
    }
  }

  /** Frees the scratch buffer. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    freeScratch();
    rowBytes.close();
  }
}
