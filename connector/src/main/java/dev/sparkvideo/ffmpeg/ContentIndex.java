package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * Exact mode's index: every packet of every stream from one pass over the file without decoding, with
 * {@link FrameGate}'s verdict on which are frames: the frame count, first and last frame times, and how many frames
 * precede each keyframe.
 */
final class ContentIndex {
  private final DecodeOrderIndex[] streams;
  private final long[] firstPts;
  private final long[] endPts;

  private ContentIndex(DecodeOrderIndex[] streams, long[] firstPts, long[] endPts) {
    this.streams = streams;
    this.firstPts = firstPts;
    this.endPts = endPts;
  }

  /** Reads every packet from the demuxer's current position (the file's start) to the end. */
  static ContentIndex scan(AVFormatContext fmt, Demuxer demuxer) {
    int n = fmt.nb_streams();
    DecodeOrderIndex[] indexes = new DecodeOrderIndex[n];
    FrameGate[] gates = new FrameGate[n];
    long[] first = new long[n];
    long[] ends = new long[n];
    for (int s = 0; s < n; s++) {
      indexes[s] = new DecodeOrderIndex();
      gates[s] = new FrameGate(true);
      first[s] = Long.MAX_VALUE;
      ends[s] = Long.MIN_VALUE;
    }
    AVPacket packet = av_packet_alloc();
    try {
      while (demuxer.readPacket(packet, "av_read_frame (exact scan)")) {
        try {
          int s = packet.stream_index();
          if (s < 0 || s >= n) {
            continue;
          }
          FrameGate.Verdict verdict = gates[s].classify(packet);
          if (verdict == FrameGate.Verdict.SKIP) {
            continue;
          }
          boolean frame = verdict == FrameGate.Verdict.FRAME;
          indexes[s].add(packet.dts(), packet.pos(), frame);
          if (frame) {
            long ts = Timestamps.packetTime(packet);
            first[s] = Math.min(first[s], ts);
            ends[s] = Math.max(ends[s], ts + Math.max(packet.duration(), 0));
          }
        } finally {
          av_packet_unref(packet);
        }
      }
    } finally {
      av_packet_free(packet);
    }
    return new ContentIndex(indexes, first, ends);
  }

  /** Frames found in stream {@code s}. */
  long frameCount(int s) {
    return streams[s].frameCount();
  }

  /** The smallest frame time of stream {@code s}; only when {@link #frameCount} is positive. */
  long firstPts(int s) {
    return firstPts[s];
  }

  /** The largest frame time plus its packet's duration; only when {@link #frameCount} is positive. */
  long endPts(int s) {
    return endPts[s];
  }

  /** The packets of stream {@code s} in decode order, with the frames before each. */
  DecodeOrderIndex stream(int s) {
    return streams[s];
  }
}
