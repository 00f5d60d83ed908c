package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * How many frames precede a keyframe of a stream whose container lists no per-frame index (Matroska/WebM, MPEG-TS,
 * MPEG-PS, fragmented MP4): counted by reading the packets before it, without decoding them, and remembered for every
 * reader of the open file, and for the readers of the same file in other tasks of the JVM ({@link
 * KeyframeCountCache}; thread-safe). Each count records the keyframes it passes, so that a later seek to one of them needs no
 * count, and a count to a later keyframe starts at the last keyframe known before it rather than at the stream's
 * start: a read that seeks again and again (a frame step, sampled indices, a seek that looks earlier) reads the
 * stream's packets about once in all, where counting from the start each time read them once per seek.
 *
 * <p>In MPEG-TS and PS, which seek by time by searching the file's bytes, the count is also the seek: it reads on
 * from the last keyframe known to the first one past the time sought, and the read starts at the keyframe before
 * that time by its byte position, one read.
 *
 * <p>Counts resume only from keyframes after the stream's first one: from there on, whether a packet is a frame
 * depends on the packet alone ({@link FrameGate}), so a count resumed there equals a count from the start. Reads
 * record the keyframes they pass too ({@link FrameNumbering#recordKeyframesIn}); every read of such a stream starts at
 * the stream's start or at a keyframe recorded here, so the keyframes recorded are all those from the second one up to
 * the furthest any read or count has gone.
 */
final class CountedKeyframes {
  private static final long NO_POSITION = Long.MIN_VALUE;

  private long[] positions = new long[16];
  private long[] times = new long[16];
  private long[] framesBefore = new long[16];
  private int size;
  private boolean countedToEnd;

  /** Frames before the keyframe packet at byte {@code keyPos} if a count has passed it, else -1. */
  synchronized long known(long keyPos) {
    int i = keyPos < 0 ? -1 : Arrays.binarySearch(positions, 0, size, keyPos);
    return i >= 0 ? framesBefore[i] : -1;
  }

  /**
   * Counts the frames before the keyframe packet at byte {@code keyPos}, or {@code null} when it cannot be known,
   * from the last keyframe known before it or else the stream's start. Reads from {@code packets} (whose put-back
   * packet the caller has cleared), and leaves it with that keyframe's packet put back to be read again.
   */
  Long count(StreamPackets packets, long keyPos) {
    return keyPos < 0 ? null : countFromKnown(packets, keyPos, Timestamps.NONE);
  }

  /**
   * Where the container resumes at byte positions (MPEG-TS, PS), moves to the last keyframe at or before time
   * {@code ts}, as a seek backward by time would, counting on from the last keyframe known until one past {@code ts}
   * is, and leaves that keyframe's packet put back. False where it cannot (another container, {@code ts} before the
   * stream's second keyframe, damage); the caller then seeks by time.
   */
  boolean seekToKnown(StreamPackets packets, long ts) {
    if (!packets.resumesAtBytes() || ts == Timestamps.NONE) {
      return false;
    }
    if (!countedPast(ts)) {
      packets.clear();
      countFromKnown(packets, NO_POSITION, ts);
      if (!countedPast(ts)) {
        return false;
      }
    }
    long[] key = lastAtOrBefore(ts);
    return key != null && seekToRecorded(packets, key);
  }

  private synchronized boolean countedPast(long ts) {
    return countedToEnd || size > 0 && times[size - 1] != Timestamps.NONE && times[size - 1] > ts;
  }

  /** The last keyframe recorded at or before time {@code ts}: {position, time, frames before}, or null. */
  private synchronized long[] lastAtOrBefore(long ts) {
    int i = size - 1;
    while (i >= 0 && (times[i] == Timestamps.NONE || times[i] > ts)) {
      i--;
    }
    return i < 0 ? null : entry(i);
  }

  /** The last keyframe recorded before byte {@code pos}: {position, time, frames before}, or null. */
  private synchronized long[] lastBefore(long pos) {
    int i = Arrays.binarySearch(positions, 0, size, pos);
    int before = (i >= 0 ? i : -i - 1) - 1;
    return before < 0 ? null : entry(before);
  }

  private long[] entry(int i) {
    return new long[] {positions[i], times[i], framesBefore[i]};
  }

  private synchronized void countedToEnd() {
    countedToEnd = true;
  }

  /** Counts on from the last keyframe known before {@code keyPos} (or the stream's start) to where {@link #count} stops. */
  private Long countFromKnown(StreamPackets packets, long keyPos, long pastTime) {
    long[] from = lastBefore(keyPos == NO_POSITION ? Long.MAX_VALUE : keyPos);
    if (from != null && seekToRecorded(packets, from)) {
      return count(packets, keyPos, pastTime, from[2], new FrameGate(false), 1);
    }
    packets.rewind();
    return count(packets, keyPos, pastTime, 0, new FrameGate(true), 0);
  }

  /**
   * Counts the frames from the current packet on, recording the keyframes passed (after the stream's first, of which
   * {@code keysBefore} have been passed already), up to the packet at {@code keyPos} (put back; its count returned)
   * or, for {@link #NO_POSITION}, the first keyframe after time {@code pastTime} or the stream's end ({@code null}).
   */
  private Long count(StreamPackets packets, long keyPos, long pastTime, long counted, FrameGate gate,
      int keysBefore) {
    long frames = counted;
    int keys = keysBefore;
    while (packets.next()) {
      AVPacket p = packets.packet();
      long pos = p.pos();
      if ((p.flags() & AV_PKT_FLAG_KEY) != 0 && keys++ > 0 && pos >= 0) {
        long time = Timestamps.packetTime(p);
        record(pos, time, frames);
        if (keyPos == NO_POSITION && time != Timestamps.NONE && time > pastTime) {
          packets.release();
          return null;
        }
      }
      if (pos == keyPos) {
        packets.putBack();
        return frames;
      }
      FrameGate.Verdict verdict = gate.classify(p);
      packets.release();
      if (pos < 0 || keyPos != NO_POSITION && pos > keyPos) {
        return null;
      }
      if (verdict == FrameGate.Verdict.FRAME) {
        frames++;
      }
    }
    countedToEnd();
    return null;
  }

  /**
   * Moves to a recorded keyframe ({position, time, frames before}): a seek to its byte position where the container
   * resumes there, else to its time and past the packets before it. False when the seek lands after it, or the
   * packet is not found there.
   */
  private static boolean seekToRecorded(StreamPackets packets, long[] key) {
    if (packets.seekToByte(key[0]) && reaches(packets, key[0])) {
      return true;
    }
    return key[1] != Timestamps.NONE && packets.seekBackward(key[1]) && reaches(packets, key[0]);
  }

  /** Reads on to the packet at byte {@code pos} and puts it back; false when the stream passes it or ends. */
  private static boolean reaches(StreamPackets packets, long pos) {
    while (packets.next()) {
      long at = packets.packet().pos();
      if (at == pos) {
        packets.putBack();
        return true;
      }
      packets.release();
      if (at < 0 || at > pos) {
        return false;
      }
    }
    return false;
  }

  /**
   * Records a keyframe met in decode order, at its presentation time (or its decoding time when it has none): a seek
   * backward to that time lands on it in containers indexed by either (a Matroska cue holds the presentation time;
   * an earlier decoding time would land a group of pictures before). Positions only grow, so one met again is
   * ignored.
   */
  synchronized void record(long pos, long time, long frames) {
    if (size > 0 && pos <= positions[size - 1]) {
      return;
    }
    if (size == positions.length) {
      int n = size * 2;
      positions = Arrays.copyOf(positions, n);
      times = Arrays.copyOf(times, n);
      framesBefore = Arrays.copyOf(framesBefore, n);
    }
    positions[size] = pos;
    times[size] = time;
    framesBefore[size] = frames;
    size++;
  }

}
