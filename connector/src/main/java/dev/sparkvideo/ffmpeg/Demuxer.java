package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NO_BYTE_SEEK;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_TS_DISCONT;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_buffer2;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import dev.sparkvideo.io.SeekableInput;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An open container: the AVFormatContext reading through an {@link AvioBridge.Channel}, restricted to demuxers that
 * read only the file itself. Playlists (HLS, DASH), concat lists, image sequences and other demuxers that open
 * further files or URLs are refused, and any attempt to open one from inside a file fails.
 */
final class Demuxer implements AutoCloseable {

  /** The demuxers allowed to read a file: containers of video (and a few of audio) that never open other files. */
  static final List<String> ALLOWED_FORMATS = List.of(
      "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "avi", "mpegts", "mpeg", "flv", "ogg", "ivf", "asf", "mxf", "nut",
      "h264", "hevc", "vvc", "m4v", "mpegvideo", "obu", "yuv4mpegpipe", "dv", "rm", "mjpeg", "gif",
      "mp3", "aac", "flac", "wav");

  private static final String FORMAT_WHITELIST = String.join(",", ALLOWED_FORMATS);
  private static final String MOV_FORMAT = "mov,mp4,m4a,3gp,3g2,mj2";
  /** Index entries checked at the end of each stream for truncation: the last ones lie furthest in the file. */
  private static final int TRUNCATION_CHECK_ENTRIES = 32;

  private final String path;
  private final SeekableInput input;
  private final int ioBufferSize;
  private final boolean referenceProbe;
  private AvioBridge.Channel channel;
  private AVFormatContext context;
  private String truncation;
  private int[] headerReorderDepths;

  private Demuxer(SeekableInput input, int ioBufferSize, boolean referenceProbe) {
    this.path = input.name();
    this.input = input;
    this.ioBufferSize = ioBufferSize;
    this.referenceProbe = referenceProbe;
  }

  /**
   * Probes and opens {@code input}, and reads its stream information through {@link ConfigurationProbe}: from the
   * codec configuration where it can, without decoding a frame.
   *
   * @throws VideoException when the input is not a readable, allowed container
   */
  static Demuxer open(SeekableInput input, int ioBufferSize) {
    return open(input, ioBufferSize, false);
  }

  /**
   * As {@link #open(SeekableInput, int)}, or with {@code referenceProbe} through FFmpeg's own
   * {@code avformat_find_stream_info}, which decodes the first frames of each video stream: what ffprobe does, the
   * reference tests compare the probe without decoding against.
   */
  static Demuxer open(SeekableInput input, int ioBufferSize, boolean referenceProbe) {
    if (input.length() == 0) {
      throw new VideoException(input.name(), "the file is empty");
    }
    Demuxer demuxer = new Demuxer(input, ioBufferSize, referenceProbe);
    demuxer.openContext();
    return demuxer;
  }

  /**
   * Opens the file again from its first byte: the only way back to the start that every container supports exactly
   * (timestamp seeks in formats without an index, such as MPEG-TS, land near a position, not on it).
   */
  void reopen() {
    closeContext();
    openContext();
  }

  private void openContext() {
    channel = AvioBridge.open(input, ioBufferSize);
    try {
      AVInputFormat format = probe(channel, path);
      AVFormatContext ctx = avformat_alloc_context();
      if (ctx == null || ctx.isNull()) {
        throw AvErrors.failure(path, "avformat_alloc_context", AvErrors.ENOMEM, null);
      }
      ctx.pb(channel.context());
      ctx.flags(ctx.flags() | AVFormatContext.AVFMT_FLAG_CUSTOM_IO);
      AvioBridge.refuseNestedOpens(ctx, channel);
      AVDictionary options = new AVDictionary(null);
      int ret;
      try {
        av_dict_set(options, "format_whitelist", FORMAT_WHITELIST, 0);
        av_dict_set(options, "protocol_whitelist", "none", 0);
        // MOV/MP4 external data references (Mac alias records) are never followed (FFmpeg's default, made explicit).
        av_dict_set(options, "enable_drefs", "0", 0);
        ret = avformat_open_input(ctx, path, format, options);
      } finally {
        av_dict_free(options);
      }
      if (ret < 0) {
        // avformat_open_input has freed the context, but not our AVIOContext.
        throw openFailure(channel, path, "avformat_open_input", ret);
      }
      context = ctx;
      headerReorderDepths = reorderDepths(ctx);
      ret = referenceProbe ? avformat_find_stream_info(ctx, (PointerPointer<?>) null)
          : ConfigurationProbe.findStreamInfo(ctx);
      if (ret < 0) {
        throw openFailure(channel, path, "avformat_find_stream_info", ret);
      }
      truncation = truncation(ctx);
    } catch (RuntimeException | Error e) {
      closeContext();
      throw e;
    }
  }

  /**
   * Whether a container index (MP4 sample tables, AVI idx1) points past the end of the file: the file was cut short,
   * and its demuxer would just stop early, returning fewer frames than the file claims. Returns what is missing, or
   * {@code null}.
   */
  private String truncation(AVFormatContext ctx) {
    long length = input.length();
    for (int s = 0; s < ctx.nb_streams(); s++) {
      AVStream stream = ctx.streams(s);
      int n = avformat_index_get_entries_count(stream);
      for (int i = Math.max(0, n - TRUNCATION_CHECK_ENTRIES); i < n; i++) {
        AVIndexEntry e = avformat_index_get_entry(stream, i);
        long end = e.pos() + e.size();
        if (e.pos() >= 0 && end > length) {
          return "the file is truncated: its index refers to bytes up to " + end + " but the file has " + length
              + " bytes";
        }
      }
    }
    return null;
  }

  /**
   * What the header says of each stream's reordering before anything is probed: the MP4 demuxer's reorder depth for
   * H.264, derived from every sample's composition offset, or 0 when its sample tables list samples without any
   * (shown in decoding order); -1 where the header says nothing (other containers, fragmented MP4).
   */
  private static int[] reorderDepths(AVFormatContext ctx) {
    boolean sampleTables = MOV_FORMAT.equals(ctx.iformat().name().getString());
    int[] depths = new int[ctx.nb_streams()];
    for (int s = 0; s < depths.length; s++) {
      AVStream stream = ctx.streams(s);
      int delay = stream.codecpar().video_delay();
      depths[s] = delay > 0 ? delay : sampleTables && avformat_index_get_entries_count(stream) > 0 ? 0 : -1;
    }
    return depths;
  }

  /**
   * Whether the file declares how many frames a decoder of video {@code stream} must hold back to return them in
   * display order, rather than leaving FFmpeg's H.264 decoder to guess it from the pictures it decodes (raising the
   * guess when a picture comes later than it allowed, and dropping that picture). Declared by the MP4/MOV sample
   * tables (every sample's composition offset), or by the H.264 sequence parameter set: its VUI bitstream
   * restriction, or picture order type 2 (shown in decoding order). Other codecs declare it in their parameter sets
   * (HEVC's {@code sps_max_num_reorder_pics}) or by rule (MPEG-2 and MPEG-4 Part 2 hold one frame back).
   */
  boolean reorderDepthDeclared(int stream) {
    AVCodecParameters par = context().streams(stream).codecpar();
    if (par.codec_id() != AV_CODEC_ID_H264 || stream < headerReorderDepths.length && headerReorderDepths[stream] >= 0) {
      return true;
    }
    if (par.extradata_size() <= 0) {
      return false;
    }
    byte[] extradata = new byte[par.extradata_size()];
    par.extradata().get(extradata);
    return H264SequenceParameters.fromExtradata(extradata)
        .filter(sps -> sps.reorderFrames() >= 0 || sps.pocType() == 2).isPresent();
  }

  /** Whether the container's index refers to bytes past the end of the file. */
  boolean truncated() {
    return truncation != null;
  }

  /**
   * Fails when the file was cut short: called once every frame it holds has been read, or before trusting its
   * header's description of the media.
   *
   * @throws VideoException naming the file and how much of it is missing
   */
  void checkComplete() {
    if (truncation != null) {
      throw new VideoException(path, truncation);
    }
  }

  private static AVInputFormat probe(AvioBridge.Channel channel, String path) {
    AVInputFormat format = new AVInputFormat(null);
    int score = av_probe_input_buffer2(channel.context(), format, path, null, 0, 0);
    if (score < 0 || format.isNull()) {
      throw openFailure(channel, path, "av_probe_input_buffer2", score < 0 ? score : AvErrors.EINVAL);
    }
    String name = format.name().getString();
    if (!ALLOWED_FORMATS.contains(name)) {
      throw new VideoException(path, null, 0, "the container format '" + name + "' is not allowed (it can make"
          + " FFmpeg open other files or URLs, or is not a video container); allowed: " + ALLOWED_FORMATS, null);
    }
    return format;
  }

  private static VideoException openFailure(AvioBridge.Channel channel, String path, String function, int ret) {
    if (channel.refusedUrl() != null) {
      return new VideoException(path, function, ret, AvErrors.describe(ret) + "; the file refers to another"
          + " file or URL (" + channel.refusedUrl() + "), which is never opened", null);
    }
    return AvErrors.failure(path, function, ret, channel.failure());
  }

  String path() {
    return path;
  }

  AVFormatContext context() {
    if (context == null) {
      throw new IllegalStateException("Closed: " + path);
    }
    return context;
  }

  /**
   * Reads the next packet of any stream into {@code packet} (which the caller unrefs).
   *
   * @return false at the end of the file
   * @throws VideoException when demuxing or storage fails
   */
  boolean readPacket(AVPacket packet, String function) {
    AVFormatContext ctx = context();
    int ret = av_read_frame(ctx, packet);
    if (ret >= 0) {
      return true;
    }
    if (channel.failure() != null) {
      throw AvErrors.failure(path, function, ret, channel.failure());
    }
    if (ret == AvErrors.EOF) {
      return false;
    }
    throw AvErrors.failure(path, function, ret, null);
  }

  /**
   * Moves to the last keyframe of {@code stream} whose container timestamp is at or before {@code ts}.
   *
   * @return false when the container cannot seek there
   * @throws VideoException when storage fails while seeking
   */
  boolean seekBackward(int stream, long ts) {
    int ret = av_seek_frame(context(), stream, ts, AVSEEK_FLAG_BACKWARD);
    if (ret < 0 && channel.failure() != null) {
      throw AvErrors.failure(path, "av_seek_frame", ret, channel.failure());
    }
    return ret >= 0;
  }

  /**
   * Whether a packet's byte position is a place to resume reading from: in streams of self-delimiting packets
   * (MPEG-TS, MPEG-PS), which seek by time only by searching the bytes, a seek to a known position is one read.
   */
  boolean resumesAtBytes() {
    int flags = context().iformat().flags();
    return (flags & AVFMT_TS_DISCONT) != 0 && (flags & AVFMT_NO_BYTE_SEEK) == 0;
  }

  /**
   * Moves to byte {@code pos} of the file (a packet's position, see {@link #resumesAtBytes}).
   *
   * @return false when the container cannot seek there
   * @throws VideoException when storage fails while seeking
   */
  boolean seekToByte(long pos) {
    int ret = av_seek_frame(context(), -1, pos, AVSEEK_FLAG_BYTE);
    if (ret < 0 && channel.failure() != null) {
      throw AvErrors.failure(path, "av_seek_frame", ret, channel.failure());
    }
    return ret >= 0;
  }

  /**
   * Called when the file ended before any packet of {@code stream}: if the container's index lists packets for it,
   * they are not in this file (a MOV/MP4 track whose media is in another file, which is never opened, or an index
   * that points nowhere), and reading on would return no frames as if the stream were empty.
   *
   * @throws VideoException when the index lists packets the file does not hold
   */
  void checkStreamHasPackets(int stream) {
    int listed = avformat_index_get_entries_count(context().streams(stream));
    if (listed > 0) {
      throw new VideoException(path, "stream " + stream + " lists " + listed + " packets in the container's index,"
          + " but none of them can be read from this file: its media is kept in another file (an external data"
          + " reference, which is never followed) or the index is damaged");
    }
  }

  /**
   * Whether FFmpeg's probe of the file read no packet of a video {@code stream}: the stream's index then cannot be
   * trusted to describe frames this file holds. A probe that decodes learns the pixel format from the first packet;
   * for H.264, whose pixel format {@link ConfigurationProbe} takes from the codec configuration, the profile is what
   * only a packet gives (FFmpeg's H.264 parser sets it from the first slice's parameter set).
   */
  boolean probeSawNoVideoPacket(int stream) {
    AVCodecParameters par = context().streams(stream).codecpar();
    return par.codec_type() == AVMEDIA_TYPE_VIDEO
        && (par.format() < 0 || par.codec_id() == AV_CODEC_ID_H264 && par.profile() == AV_PROFILE_UNKNOWN);
  }

  /** The input this demuxer reads. */
  SeekableInput input() {
    return input;
  }

  private void closeContext() {
    AVFormatContext ctx = context;
    context = null;
    if (ctx != null) {
      avformat_close_input(ctx);
    }
    AvioBridge.Channel ch = channel;
    channel = null;
    if (ch != null) {
      ch.close();
    }
  }

  /** Frees the format context and the AVIOContext; the input stays open. Idempotent. */
  @Override
  public void close() {
    closeContext();
  }
}
