package dev.sparkvideo.spark;

import java.io.Serializable;

/**
 * What pushed filters ask of frames: a half-open {@code pts_seconds} range, a half-open {@code frame_index} range,
 * and keyframes only. Immutable; {@link #with} narrows it. Applied exactly by the reader: a time range becomes a seek
 * and a stop, an index range a skip and a stop, keyframes only skips decoding the other frames.
 *
 * @param ptsLow smallest {@code pts_seconds} wanted (inclusive), or {@code -inf}
 * @param ptsHigh end of the {@code pts_seconds} range (exclusive), or {@code +inf}
 * @param indexLow smallest {@code frame_index} wanted (inclusive)
 * @param indexHigh end of the {@code frame_index} range (exclusive)
 * @param keyframesOnly whether only keyframes are wanted
 * @param nonKeyframesOnly whether only frames that are not keyframes are wanted
 */
record FrameBounds(double ptsLow, double ptsHigh, long indexLow, long indexHigh, boolean keyframesOnly,
    boolean nonKeyframesOnly) implements Serializable {

  static final FrameBounds ALL = new FrameBounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0,
      Long.MAX_VALUE, false, false);

  /** This narrowed by {@code c}, or {@code null} when {@code c} is not about frames. */
  FrameBounds with(Comparison c) {
    switch (c.column()) {
      case VideoSchema.PTS_SECONDS:
        return withPts(c);
      case VideoSchema.FRAME_INDEX:
        return withIndex(c);
      case VideoSchema.IS_KEY_FRAME:
        if (c.op().equals("=") && c.values().get(0) instanceof Boolean key) {
          return new FrameBounds(ptsLow, ptsHigh, indexLow, indexHigh, keyframesOnly || key,
              nonKeyframesOnly || !key);
        }
        return null;
      default:
        return null;
    }
  }

  private FrameBounds withPts(Comparison c) {
    if (!(c.values().get(0) instanceof Number) || c.op().equals("IN")) {
      return null;
    }
    double v = c.number();
    double low = ptsLow;
    double high = ptsHigh;
    switch (c.op()) {
      case "=":
        low = Math.max(low, v);
        high = Math.min(high, Math.nextUp(v));
        break;
      case ">":
        low = Math.max(low, Math.nextUp(v));
        break;
      case ">=":
        low = Math.max(low, v);
        break;
      case "<":
        high = Math.min(high, v);
        break;
      case "<=":
        high = Math.min(high, Math.nextUp(v));
        break;
      default:
        return null;
    }
    return new FrameBounds(low, high, indexLow, indexHigh, keyframesOnly, nonKeyframesOnly);
  }

  private FrameBounds withIndex(Comparison c) {
    if (!(c.values().get(0) instanceof Long || c.values().get(0) instanceof Integer) || c.op().equals("IN")) {
      return null;
    }
    long v = c.integral();
    long low = indexLow;
    long high = indexHigh;
    switch (c.op()) {
      case "=":
        low = Math.max(low, v);
        high = Math.min(high, v == Long.MAX_VALUE ? v : v + 1);
        break;
      case ">":
        low = Math.max(low, v == Long.MAX_VALUE ? v : v + 1);
        break;
      case ">=":
        low = Math.max(low, v);
        break;
      case "<":
        high = Math.min(high, v);
        break;
      case "<=":
        high = Math.min(high, v == Long.MAX_VALUE ? v : v + 1);
        break;
      default:
        return null;
    }
    return new FrameBounds(ptsLow, ptsHigh, Math.max(0, low), high, keyframesOnly, nonKeyframesOnly);
  }

  /** Whether no frame can match. */
  boolean empty() {
    return !(ptsLow < ptsHigh) || indexLow >= indexHigh || (keyframesOnly && nonKeyframesOnly);
  }

  /** Whether a pts_seconds or frame_index range is set (the read then covers part of each file). */
  boolean rangeBounded() {
    return ptsLow != Double.NEGATIVE_INFINITY || ptsHigh != Double.POSITIVE_INFINITY || indexLow != 0
        || indexHigh != Long.MAX_VALUE;
  }

  /** Whether any bound is set. */
  boolean narrowed() {
    return !equals(ALL);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (ptsLow != Double.NEGATIVE_INFINITY || ptsHigh != Double.POSITIVE_INFINITY) {
      sb.append("pts_seconds in [").append(ptsLow).append(", ").append(ptsHigh).append(") ");
    }
    if (indexLow != 0 || indexHigh != Long.MAX_VALUE) {
      sb.append("frame_index in [").append(indexLow).append(", ")
          .append(indexHigh == Long.MAX_VALUE ? "inf" : String.valueOf(indexHigh)).append(") ");
    }
    if (keyframesOnly) {
      sb.append("keyframes only ");
    }
    if (nonKeyframesOnly) {
      sb.append("non-keyframes only ");
    }
    return sb.toString().trim();
  }
}
