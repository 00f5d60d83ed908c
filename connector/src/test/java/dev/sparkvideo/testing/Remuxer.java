package dev.sparkvideo.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_inv_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Copies one stream of a video into another container without re-encoding, with FFmpeg's muxers (what {@code ffmpeg
 * -i IN -map 0:S -c copy OUT} does): for files shaped like real-world remuxes, such as H.264 with B-frames in AVI.
 */
public final class Remuxer {
  private Remuxer() {}

  /**
   * Writes stream {@code stream} of {@code in} into {@code dir} with FFmpeg's muxer {@code muxer}, unless already
   * there; returns the file.
   */
  public static synchronized Path copy(Path in, int stream, String muxer, String extension, Path dir)
      throws IOException {
    return copy(in, stream, muxer, extension, null, dir);
  }

  /**
   * As {@link #copy(Path, int, String, String, Path)}, passing the packets through the bitstream filter {@code bsf}
   * (e.g. {@code h264_mp4toannexb}, which every AVI writer of H.264 applies), or none when {@code null}.
   */
  public static synchronized Path copy(Path in, int stream, String muxer, String extension, String bsf, Path dir)
      throws IOException {
    return copy(in, stream, muxer, extension, bsf, null, dir);
  }

  /**
   * As {@link #copy(Path, int, String, String, String, Path)}, with the stream's codec configuration (extradata)
   * replaced by what {@code edit} makes of it before any bitstream filter sees it, so that parameter sets the filter
   * writes into the packets (as {@code h264_mp4toannexb} does) are the edited ones too.
   */
  public static synchronized Path copy(Path in, int stream, String muxer, String extension, String bsf,
      ConfigurationEdit edit, Path dir) throws IOException {
    String tag = edit == null ? "" : "." + edit.name();
    Path out = dir.resolve(in.getFileName() + ".stream" + stream + tag + "." + extension);
    if (Files.exists(out)) {
      return out;
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve(".tmp-" + System.nanoTime() + "-" + out.getFileName());
    try {
      remux(in, stream, muxer, bsf, edit, tmp);
    } catch (IOException e) {
      throw new IOException("Cannot copy stream " + stream + " of " + in + " into " + muxer + ": " + e.getMessage(), e);
    }
    Files.move(tmp, out);
    return out;
  }

  /** A named change to a stream's codec configuration (the name goes into the copy's file name). */
  public interface ConfigurationEdit {
    /** A short name for file names. */
    String name();

    /** The new configuration made from the old. */
    byte[] apply(byte[] extradata);
  }

  private static void remux(Path in, int stream, String muxer, String bsfName, ConfigurationEdit edit, Path tmp)
      throws IOException {
    AVFormatContext input = new AVFormatContext(null);
    AVFormatContext output = new AVFormatContext(null);
    AVPacket packet = av_packet_alloc();
    AVBSFContext bsf = new AVBSFContext(null);
    AVCodecParameters parameters = avcodec_parameters_alloc();
    try {
      check(avformat_open_input(input, in.toString(), null, null), "avformat_open_input");
      check(avformat_find_stream_info(input, (PointerPointer<?>) null), "avformat_find_stream_info");
      check(avformat_alloc_output_context2(output, null, muxer, tmp.toString()), "avformat_alloc_output_context2");
      AVStream source = input.streams(stream);
      AVStream target = avformat_new_stream(output, null);
      check(avcodec_parameters_copy(parameters, source.codecpar()), "avcodec_parameters_copy");
      if (edit != null) {
        replaceExtradata(parameters, edit);
      }
      check(avcodec_parameters_copy(target.codecpar(), parameters), "avcodec_parameters_copy");
      if (bsfName != null) {
        check(av_bsf_alloc(av_bsf_get_by_name(bsfName), bsf), "av_bsf_alloc " + bsfName);
        check(avcodec_parameters_copy(bsf.par_in(), parameters), "avcodec_parameters_copy");
        bsf.time_base_in(source.time_base());
        check(av_bsf_init(bsf), "av_bsf_init");
        check(avcodec_parameters_copy(target.codecpar(), bsf.par_out()), "avcodec_parameters_copy");
      }
      target.codecpar().codec_tag(0);
      // As the command line does for a copy: the frame rate and, for containers that count frames (AVI), a time
      // base of one frame.
      target.avg_frame_rate(source.avg_frame_rate());
      target.r_frame_rate(source.r_frame_rate());
      target.time_base(source.avg_frame_rate().num() > 0 ? av_inv_q(source.avg_frame_rate()) : source.time_base());
      if ((output.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, tmp.toString(), AVIO_FLAG_WRITE), "avio_open");
        output.pb(pb);
      }
      check(avformat_write_header(output, (AVDictionary) null), "avformat_write_header");
      while (av_read_frame(input, packet) >= 0) {
        if (packet.stream_index() != stream) {
          av_packet_unref(packet);
        } else if (bsfName == null) {
          write(output, packet, source, target);
        } else {
          check(av_bsf_send_packet(bsf, packet), "av_bsf_send_packet");
          while (av_bsf_receive_packet(bsf, packet) >= 0) {
            write(output, packet, source, target);
          }
        }
      }
      check(av_write_trailer(output), "av_write_trailer");
    } finally {
      avcodec_parameters_free(parameters);
      av_packet_free(packet);
      av_bsf_free(bsf);
      avformat_close_input(input);
      if (!output.isNull()) {
        if (output.pb() != null && !output.pb().isNull()) {
          avio_closep(output.pb());
        }
        avformat_free_context(output);
      }
    }
  }

  private static void replaceExtradata(AVCodecParameters parameters, ConfigurationEdit edit) {
    byte[] old = new byte[parameters.extradata_size()];
    parameters.extradata().get(old);
    byte[] edited = edit.apply(old);
    BytePointer data = new BytePointer(av_mallocz(edited.length + AV_INPUT_BUFFER_PADDING_SIZE));
    data.put(edited);
    av_free(parameters.extradata());
    parameters.extradata(data).extradata_size(edited.length);
  }

  private static void write(AVFormatContext output, AVPacket packet, AVStream source, AVStream target)
      throws IOException {
    packet.stream_index(0);
    av_packet_rescale_ts(packet, source.time_base(), target.time_base());
    packet.pos(-1);
    check(av_interleaved_write_frame(output, packet), "av_interleaved_write_frame");
  }

  /**
   * The bytes of {@code file} from {@code from} on, cut at an MPEG-TS packet boundary (188 bytes): a capture that
   * starts wherever the recorder began, usually in the middle of a group of pictures.
   */
  public static synchronized Path tail(Path file, long from, Path dir) throws IOException {
    long start = from - from % 188;
    Path out = dir.resolve("from" + start + "-" + file.getFileName());
    if (!Files.exists(out)) {
      byte[] bytes = Files.readAllBytes(file);
      Files.createDirectories(dir);
      Files.write(out, java.util.Arrays.copyOfRange(bytes, (int) start, bytes.length));
    }
    return out;
  }

  /** The first {@code fraction} of {@code file}: a download or copy cut short. */
  public static synchronized Path head(Path file, double fraction, Path dir) throws IOException {
    Path out = dir.resolve("cut" + Math.round(fraction * 100) + "-" + file.getFileName());
    if (!Files.exists(out)) {
      byte[] bytes = Files.readAllBytes(file);
      Files.createDirectories(dir);
      Files.write(out, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }
    return out;
  }

  private static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException(what + " failed: " + AvError.describe(ret));
    }
  }
}
