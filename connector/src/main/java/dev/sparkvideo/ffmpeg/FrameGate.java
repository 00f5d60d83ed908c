package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Which packets of a stream, read in decode order, are frames: the part of the frame contract that packets decide.
 *
 * <p>From the first packet of a stream: packets before its first keyframe can never yield a picture (a recording cut
 * in the middle of a group of pictures: their references are not in the file), and neither can the packets after that
 * keyframe, up to the next one, that are shown before it (the leading pictures of an open group of pictures, which
 * reference the missing one before it). Decoders drop both, so they are neither decoded nor counted. Packets that
 * the container marks to be discarded (outside an edit list) are decoded, as later frames may reference them, but
 * are not frames. Packets without any timestamp cannot be placed in display order and are not counted.
 */
final class FrameGate {
  /** What a packet is. */
  enum Verdict {
    /** Neither decoded nor a frame. */
    SKIP,
    /** Decoded (a reference for later frames) but not a frame of its own. */
    DECODE_ONLY,
    /** A frame. */
    FRAME
  }

  private final boolean fromStreamStart;
  private boolean started;
  private boolean inFirstGroup;
  private long firstKeyTime = Timestamps.NONE;

  /**
   * @param fromStreamStart whether the packets given start at the stream's first packet (or at its first keyframe),
   *     where the rules about the first keyframe apply; after a seek to a later keyframe every packet counts
   */
  FrameGate(boolean fromStreamStart) {
    this.fromStreamStart = fromStreamStart;
    this.started = !fromStreamStart;
  }

  /** Decides what the next packet in decode order is. */
  Verdict classify(AVPacket packet) {
    int flags = packet.flags();
    boolean key = (flags & AV_PKT_FLAG_KEY) != 0;
    long time = Timestamps.packetTime(packet);
    if (!started) {
      if (!key) {
        return Verdict.SKIP;
      }
      started = true;
      inFirstGroup = true;
      firstKeyTime = time;
    } else if (inFirstGroup && key) {
      inFirstGroup = false;
    } else if (inFirstGroup && fromStreamStart && time != Timestamps.NONE && firstKeyTime != Timestamps.NONE
        && time < firstKeyTime) {
      return Verdict.SKIP;
    }
    if ((flags & AV_PKT_FLAG_DISCARD) != 0 || time == Timestamps.NONE) {
      return Verdict.DECODE_ONLY;
    }
    return Verdict.FRAME;
  }
}
