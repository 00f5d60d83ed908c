package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import java.util.PriorityQueue;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Frames from packets alone, nothing decoded: each frame packet ({@link FrameGate}) stands for the frame it decodes
 * to, at its presentation time. Demuxed packets come in decode order; a window of packets puts them into display
 * order.
 */
final class PacketFrames implements FrameSource {
  /** Packets held to put decode-order packets into display order: far more than any codec's reordering depth. */
  private static final int REORDER_WINDOW = 32;

  private final StreamPackets packets;
  private final FrameNumbering numbering;
  private final boolean keyframesOnly;
  private final PriorityQueue<PacketFrame> reorder = new PriorityQueue<>();
  private boolean demuxDone;
  private PacketFrame current;

  PacketFrames(StreamPackets packets, FrameNumbering numbering, boolean keyframesOnly) {
    this.packets = packets;
    this.numbering = numbering;
    this.keyframesOnly = keyframesOnly;
  }

  @Override
  public boolean next() {
    while (true) {
      if (!reorder.isEmpty() && (demuxDone || reorder.size() > REORDER_WINDOW)) {
        current = reorder.poll();
        return true;
      }
      if (demuxDone) {
        current = null;
        return false;
      }
      if (!packets.next()) {
        demuxDone = true;
        continue;
      }
      AVPacket p = packets.packet();
      boolean key = (p.flags() & AV_PKT_FLAG_KEY) != 0;
      if (numbering.admit(p) == FrameGate.Verdict.FRAME && (key || !keyframesOnly)) {
        reorder.add(new PacketFrame(Timestamps.packetTime(p), Math.max(p.duration(), 0), key));
      }
      packets.release();
    }
  }

  @Override
  public long pts() {
    return current.pts;
  }

  @Override
  public long duration() {
    return current.duration;
  }

  @Override
  public boolean key() {
    return current.key;
  }

  @Override
  public AVFrame picture() {
    return null;
  }

  @Override
  public void reset() {
    reorder.clear();
    demuxDone = false;
    current = null;
  }

  @Override
  public long framesDecoded() {
    return 0;
  }

  @Override
  public void close() {
    reset();
  }

  /** A packet standing for a frame, ordered by time. */
  private record PacketFrame(long pts, long duration, boolean key) implements Comparable<PacketFrame> {
    @Override
    public int compareTo(PacketFrame o) {
      return Long.compare(pts, o.pts);
    }
  }
}
