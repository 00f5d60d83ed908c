package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.javacpp.IntPointer;

/** A stream's display rotation, read from its display matrix, and the pixel rotation that applies it. */
final class Rotation {
  private Rotation() {}

  /** The display matrix's rotation in degrees counter-clockwise, or {@code null} when the stream has none. */
  static Double degrees(AVCodecParameters par) {
    AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
        AV_PKT_DATA_DISPLAYMATRIX);
    if (sd == null || sd.isNull() || sd.size() < 9 * 4 || sd.data() == null || sd.data().isNull()) {
      return null;
    }
    double d = av_display_rotation_get(new IntPointer(sd.data()));
    if (Double.isNaN(d)) {
      return null;
    }
    return d == 0 ? 0.0 : d;
  }

  /**
   * The clockwise turn, 0, 90, 180 or 270, that shows the frame upright, as the ffmpeg CLI's autorotate applies it:
   * the display rotation negated and rounded to the nearest quarter turn.
   */
  static int clockwiseQuarterTurns(Double degreesCounterClockwise) {
    if (degreesCounterClockwise == null) {
      return 0;
    }
    long quarter = Math.round(-degreesCounterClockwise / 90.0);
    return (int) Math.floorMod(quarter, 4L) * 90;
  }

  /** Rotates a packed image of {@code bpp} bytes per pixel clockwise by 90, 180 or 270 degrees. */
  static byte[] rotatePacked(byte[] src, int width, int height, int bpp, int clockwise) {
    byte[] dst = new byte[src.length];
    rotatePlane(src, 0, width, height, bpp, clockwise, dst, 0);
    return dst;
  }

  /** Rotates a tightly packed YUV 4:2:0 image plane by plane. */
  static byte[] rotateYuv420p(byte[] src, int width, int height, int clockwise) {
    byte[] dst = new byte[src.length];
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    int luma = width * height;
    rotatePlane(src, 0, width, height, 1, clockwise, dst, 0);
    rotatePlane(src, luma, cw, ch, 1, clockwise, dst, luma);
    rotatePlane(src, luma + cw * ch, cw, ch, 1, clockwise, dst, luma + cw * ch);
    return dst;
  }

  private static void rotatePlane(byte[] src, int srcOff, int w, int h, int bpp, int clockwise, byte[] dst,
      int dstOff) {
    for (int y = 0; y < h; y++) {
      int rowStart = srcOff + y * w * bpp;
      for (int x = 0; x < w; x++) {
        int dx;
        int dy;
        int dstWidth;
        switch (clockwise) {
          case 90:
            dx = h - 1 - y;
            dy = x;
            dstWidth = h;
            break;
          case 180:
            dx = w - 1 - x;
            dy = h - 1 - y;
            dstWidth = w;
            break;
          case 270:
            dx = y;
            dy = w - 1 - x;
            dstWidth = h;
            break;
          default:
            throw new IllegalArgumentException("Not a quarter turn: " + clockwise);
        }
        System.arraycopy(src, rowStart + x * bpp, dst, dstOff + (dy * dstWidth + dx) * bpp, bpp);
      }
    }
  }
}
