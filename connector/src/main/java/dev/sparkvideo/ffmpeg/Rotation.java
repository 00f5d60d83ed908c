package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;

import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.javacpp.IntPointer;

/**
 * A stream's display matrix, and the filters that show its frames upright exactly as the ffmpeg command line's
 * {@code autorotate} inserts them: {@code transpose} for a quarter turn (with a flip when the matrix mirrors),
 * {@code hflip}/{@code vflip} for a half turn, {@code rotate} for any other angle, {@code vflip} for a mirrored
 * upright picture.
 */
final class Rotation {
  private static final int MATRIX_BYTES = 9 * 4;

  private Rotation() {}

  /** The display matrix's rotation in degrees counter-clockwise, or {@code null} when the stream has none. */
  static Double degrees(AVCodecParameters par) {
    int[] matrix = streamMatrix(par);
    if (matrix == null) {
      return null;
    }
    double d = rotationDegrees(matrix);
    if (Double.isNaN(d)) {
      return null;
    }
    return d == 0 ? 0.0 : d;
  }

  /** Whether showing a stream with this rotation upright swaps its width and height (a quarter turn). */
  static boolean swapsSides(Double degreesCounterClockwise) {
    if (degreesCounterClockwise == null) {
      return false;
    }
    double theta = clockwiseDegrees(degreesCounterClockwise);
    return Math.abs(theta - 90) < 1.0 || Math.abs(theta - 270) < 1.0;
  }

  /**
   * The filters that turn a frame upright, as a filtergraph chain ending in a comma, or {@code ""} when none are
   * needed: from the frame's own display matrix, else the stream's, as the command line takes them.
   *
   * @param streamMatrix the stream's display matrix ({@link #streamMatrix}), or {@code null}
   */
  static String uprightFilters(AVFrame frame, int[] streamMatrix) {
    int[] m = frameMatrix(frame);
    if (m == null) {
      m = streamMatrix;
    }
    if (m == null) {
      return "";
    }
    double theta = clockwiseDegrees(rotationDegrees(m));
    if (Math.abs(theta - 90) < 1.0) {
      return "transpose=" + (m[3] > 0 ? "cclock_flip" : "clock") + ",";
    }
    if (Math.abs(theta - 180) < 1.0) {
      return (m[0] < 0 ? "hflip," : "") + (m[4] < 0 ? "vflip," : "");
    }
    if (Math.abs(theta - 270) < 1.0) {
      return "transpose=" + (m[3] < 0 ? "clock_flip" : "cclock") + ",";
    }
    if (Math.abs(theta) > 1.0) {
      return String.format(Locale.ROOT, "rotate=%f*PI/180,", theta);
    }
    return m[4] < 0 ? "vflip," : "";
  }

  /** The command line's angle: the display rotation negated, rounded to a degree, in [0, 360). */
  private static double clockwiseDegrees(double degreesCounterClockwise) {
    double theta = -roundHalfAway(degreesCounterClockwise);
    return theta - 360 * Math.floor(theta / 360 + 0.9 / 360);
  }

  /** C's {@code round}: halves away from zero. */
  private static double roundHalfAway(double d) {
    return Math.signum(d) * Math.floor(Math.abs(d) + 0.5);
  }

  private static double rotationDegrees(int[] matrix) {
    try (IntPointer m = new IntPointer(matrix)) {
      return av_display_rotation_get(m);
    }
  }

  /** A copy of the stream's display matrix (the stream's native struct may be freed), or {@code null}. */
  static int[] streamMatrix(AVCodecParameters par) {
    AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
        AV_PKT_DATA_DISPLAYMATRIX);
    if (sd == null || sd.isNull() || sd.size() < MATRIX_BYTES || sd.data() == null || sd.data().isNull()) {
      return null;
    }
    return copy(new IntPointer(sd.data()));
  }

  private static int[] frameMatrix(AVFrame frame) {
    AVFrameSideData sd = av_frame_get_side_data(frame, AV_FRAME_DATA_DISPLAYMATRIX);
    if (sd == null || sd.isNull() || sd.size() < MATRIX_BYTES || sd.data() == null || sd.data().isNull()) {
      return null;
    }
    return copy(new IntPointer(sd.data()));
  }

  private static int[] copy(IntPointer matrix) {
    int[] m = new int[9];
    matrix.get(m);
    return m;
  }
}
