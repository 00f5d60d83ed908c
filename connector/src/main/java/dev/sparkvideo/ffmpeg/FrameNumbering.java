package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOTIMESTAMPS;

import java.util.PriorityQueue;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * The frame contract: which display-order index each frame of a stream gets, the same in every read path.
 *
 * <p>{@code frame_index} 0 is the first frame a full sequential decode returns, and indices are consecutive
 * display-order ranks. A read that starts at a keyframe knows how many frames come before it ({@code framesBefore},
 * from the container's index or by counting packets); after that, a frame's index is {@code framesBefore} plus the
 * number of frames ({@link FrameGate}'s {@code FRAME} packets) read since the keyframe that are shown before it.
 * Counting packets rather than decoded pictures keeps the indices of later frames right when the decoder cannot
 * produce one (damage), which then leaves its index unused; and it gives a read without decoding the same indices as
 * a read with it.
 *
 * <p>Where the container does not give presentation times (raw elementary streams, AVI with B-frames: its packets
 * carry decoding times only, and the decoder's output times run some frames behind), packets cannot say where a frame
 * is shown: such streams are {@linkplain Basis#DECODER_OUTPUT numbered by decoding}, counting the pictures the decoder
 * returns from the first frame on.
 */
final class FrameNumbering {
  /** What frame indices are counted from. */
  enum Basis {
    /** The packets' presentation times. */
    PACKET_TIMES,
    /** The decoder's output, from the stream's first frame: reads of such streams never seek. */
    DECODER_OUTPUT
  }

  private final Basis basis;
  private final PriorityQueue<Long> timesSinceStart = new PriorityQueue<>();
  private FrameGate gate;
  private long framesBefore;
  private long passed;
  private CountedKeyframes keyframes;
  private long admitted;
  private boolean atStreamStart;

  FrameNumbering(Basis basis) {
    this.basis = basis;
    startAt(0, true);
  }

  /**
   * The basis for {@code stream}: decoding where its container gives no presentation times, that is, a raw
   * elementary stream, or AVI when the codec reorders frames (its packets then carry decoding times only).
   */
  static Basis basisFor(AVFormatContext format, AVStream stream) {
    boolean noTimestamps = (format.iformat().flags() & AVFMT_NOTIMESTAMPS) != 0;
    boolean reorders = stream.codecpar().video_delay() > 0;
    boolean decodingTimesOnly = "avi".equals(format.iformat().name().getString());
    return noTimestamps || (decodingTimesOnly && reorders) ? Basis.DECODER_OUTPUT : Basis.PACKET_TIMES;
  }

  Basis basis() {
    return basis;
  }

  /**
   * Records each keyframe read from here on, with the frames before it, in {@code counted} ({@code null}: none): for
   * streams whose container lists no frame per frame, so that later seeks in the file need not count the packets this
   * read passed.
   */
  void recordKeyframesIn(CountedKeyframes counted) {
    this.keyframes = basis == Basis.PACKET_TIMES ? counted : null;
  }

  /**
   * Starts counting at a keyframe with {@code framesBefore} frames before it; {@code streamStart} when reading from
   * the stream's first packet.
   */
  void startAt(long framesBefore, boolean streamStart) {
    this.framesBefore = framesBefore;
    this.passed = 0;
    this.admitted = 0;
    this.atStreamStart = streamStart || framesBefore == 0;
    this.timesSinceStart.clear();
    // A read that starts at the first frame follows the rules of the stream's start, wherever it came from.
    this.gate = new FrameGate(streamStart || framesBefore == 0);
  }

  /** Decides what the next packet read in decode order is, and counts it when it is a frame. */
  FrameGate.Verdict admit(org.bytedeco.ffmpeg.avcodec.AVPacket packet) {
    if (keyframes != null && (packet.flags() & AV_PKT_FLAG_KEY) != 0) {
      if (atStreamStart) {
        atStreamStart = false; // the stream's first keyframe: counts do not resume there (FrameGate)
      } else if (packet.pos() >= 0) {
        keyframes.record(packet.pos(), Timestamps.packetTime(packet), framesBefore + admitted);
      }
    }
    FrameGate.Verdict verdict = gate.classify(packet);
    if (verdict == FrameGate.Verdict.FRAME && basis == Basis.PACKET_TIMES) {
      timesSinceStart.add(Timestamps.packetTime(packet));
      admitted++;
    }
    return verdict;
  }

  /**
   * The index of the next frame in display order, shown at {@code pts}. Frames come in display order; two frames at
   * the same time get consecutive indices.
   */
  long indexOf(long pts) {
    if (basis == Basis.DECODER_OUTPUT) {
      return framesBefore + passed++;
    }
    while (!timesSinceStart.isEmpty() && timesSinceStart.peek() < pts) {
      timesSinceStart.poll();
      passed++;
    }
    long index = framesBefore + passed;
    if (!timesSinceStart.isEmpty() && timesSinceStart.peek() == pts) {
      // This frame's own packet: the next frame at the same time comes after it.
      timesSinceStart.poll();
      passed++;
    }
    return index;
  }
}
