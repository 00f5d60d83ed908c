package dev.sparkvideo.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * What pushed filters ask of frames: a half-open {@code pts_seconds} range, a half-open {@code frame_index} range,
 * a set of frame indices, and keyframes only. Immutable; {@link #with} narrows it. Applied exactly by the reader: a
 * time range becomes a seek and a stop, an index range a skip and a stop, an index set a seek to each group of
 * nearby indices ({@code frame_index IN (...)}: sampled frames), keyframes only skips decoding the other frames.
 *
 * @param ptsLow smallest {@code pts_seconds} wanted (inclusive), or {@code -inf}
 * @param ptsHigh end of the {@code pts_seconds} range (exclusive), or {@code +inf}
 * @param indexLow smallest {@code frame_index} wanted (inclusive)
 * @param indexHigh end of the {@code frame_index} range (exclusive)
 * @param keyframesOnly whether only keyframes are wanted
 * @param nonKeyframesOnly whether only frames that are not keyframes are wanted
 * @param indexSet the only {@code frame_index} values wanted, ascending and within the index range; {@code null}
 *     when any index in the range is
 */
record FrameBounds(double ptsLow, double ptsHigh, long indexLow, long indexHigh, boolean keyframesOnly,
    boolean nonKeyframesOnly, List<Long> indexSet) implements Serializable {

  static final FrameBounds ALL = new FrameBounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0,
      Long.MAX_VALUE, false, false, null);

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
              nonKeyframesOnly || !key, indexSet);
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
    return new FrameBounds(low, high, indexLow, indexHigh, keyframesOnly, nonKeyframesOnly, indexSet);
  }

  private FrameBounds withIndex(Comparison c) {
    for (Object value : c.values()) {
      if (!(value instanceof Long || value instanceof Integer)) {
        return null;
      }
    }
    if (c.op().equals("IN")) {
      TreeSet<Long> wanted = new TreeSet<>();
      for (Object value : c.values()) {
        long v = ((Number) value).longValue();
        if (indexSet == null || Collections.binarySearch(indexSet, v) >= 0) {
          wanted.add(v);
        }
      }
      return withIndexes(indexLow, indexHigh, List.copyOf(wanted));
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
    return withIndexes(Math.max(0, low), high, indexSet);
  }

  /** With the index range {@code [low, high)} and the index set {@code set}, the one narrowed to the other. */
  private FrameBounds withIndexes(long low, long high, List<Long> set) {
    if (set == null) {
      return new FrameBounds(ptsLow, ptsHigh, low, high, keyframesOnly, nonKeyframesOnly, null);
    }
    List<Long> kept = set.stream().filter(i -> i >= low && i < high).toList();
    if (kept.isEmpty()) {
      return new FrameBounds(ptsLow, ptsHigh, 0, 0, keyframesOnly, nonKeyframesOnly, kept);
    }
    return new FrameBounds(ptsLow, ptsHigh, kept.get(0), kept.get(kept.size() - 1) + 1, keyframesOnly,
        nonKeyframesOnly, kept);
  }

  /** Whether frame {@code index} (within the index range) is wanted: always, unless an index set leaves it out. */
  boolean wants(long index) {
    return indexSet == null || Collections.binarySearch(indexSet, index) >= 0;
  }

  /**
   * The index ranges to read, ascending: the index range, or with an index set, its indices grouped so that a read
   * goes on decoding to the next wanted index when it is at most {@code gap} frames ahead, and seeks otherwise. Each
   * range is {@code {first, end}}, end exclusive.
   */
  List<long[]> indexRanges(long gap) {
    List<long[]> ranges = new ArrayList<>();
    if (indexSet == null) {
      ranges.add(new long[] {indexLow, indexHigh});
      return ranges;
    }
    for (long i : indexSet) {
      long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && i - (last[1] - 1) <= gap) {
        last[1] = i + 1;
      } else {
        ranges.add(new long[] {i, i + 1});
      }
    }
    return ranges;
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
    if (indexSet != null) {
      sb.append("frame_index in ").append(indexSet).append(' ');
    } else if (indexLow != 0 || indexHigh != Long.MAX_VALUE) {
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
