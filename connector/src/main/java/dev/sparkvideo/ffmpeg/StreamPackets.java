package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The packets of one stream, in decode order, from a {@link Demuxer}: one reused AVPacket, a packet that can be put
 * back to be read again, and the checks made on the way (packets the demuxer marks corrupt are counted as damage; a
 * stream whose index lists packets the file does not hold fails).
 */
final class StreamPackets implements AutoCloseable {
  private final Demuxer demuxer;
  private final int streamIndex;
  private final Damage damage;
  private AVPacket packet;
  private boolean pending;
  private long read;

  StreamPackets(Demuxer demuxer, int streamIndex, Damage damage) {
    this.demuxer = demuxer;
    this.streamIndex = streamIndex;
    this.damage = damage;
    this.packet = av_packet_alloc();
    if (packet == null || packet.isNull()) {
      throw AvErrors.failure(demuxer.path(), "av_packet_alloc", AvErrors.ENOMEM, null);
    }
  }

  /** The file's name. */
  String path() {
    return demuxer.path();
  }

  /** The packet the last {@link #next()} read; the caller {@linkplain #release() releases} it when done. */
  AVPacket packet() {
    return packet;
  }

  /**
   * Reads the next packet of the stream (the one put back, if any) into {@link #packet()}.
   *
   * @return false at the end of the file
   * @throws VideoException when demuxing or storage fails, or the file holds none of the packets its index lists
   */
  boolean next() {
    if (pending) {
      pending = false;
      return true;
    }
    while (demuxer.readPacket(packet, "av_read_frame")) {
      if (packet.stream_index() == streamIndex) {
        read++;
        if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
          // The demuxer could not read this packet whole (a damaged or cut file): the decoder may still use it.
          damage.report(AvErrors.INVALID_DATA, "av_read_frame (corrupt packet)");
        }
        return true;
      }
      av_packet_unref(packet);
    }
    if (read == 0) {
      demuxer.checkStreamHasPackets(streamIndex);
    }
    return false;
  }

  /** Puts the current packet back: the next {@link #next()} returns it again. */
  void putBack() {
    pending = true;
  }

  /** Frees the current packet's data. */
  void release() {
    av_packet_unref(packet);
  }

  /** Drops the packet put back, if any, before a seek. */
  void clear() {
    if (pending) {
      av_packet_unref(packet);
      pending = false;
    }
  }

  /** Moves to the stream's start by opening the file again (exact in every container, unlike a seek). */
  void rewind() {
    clear();
    demuxer.reopen();
  }

  /** Moves to the last keyframe at or before {@code ts}; false when the container cannot seek there. */
  boolean seekBackward(long ts) {
    clear();
    return demuxer.seekBackward(streamIndex, ts);
  }

  /** Whether a packet's byte position is a place to resume reading from ({@link Demuxer#resumesAtBytes}). */
  boolean resumesAtBytes() {
    return demuxer.resumesAtBytes();
  }

  /** Moves to byte {@code pos}, a packet's position where {@link #resumesAtBytes}; false when it cannot. */
  boolean seekToByte(long pos) {
    clear();
    return demuxer.resumesAtBytes() && demuxer.seekToByte(pos);
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
  }
}
