package dev.sparkvideo.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_INTERLACED_DCT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_INTERLACED_ME;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes synthetic videos with FFmpeg's own encoders and muxers (through the same Bytedeco build the connector
 * uses), so tests and examples make their fixtures instead of committing binary files. The picture is a moving
 * pattern that differs in every frame; audio, when asked for, is a sine tone in AAC.
 */
public final class VideoSynthesizer {
  static {
    // Encoders chatter on stderr at info and warning level (rate control notes); keep only errors.
    av_log_set_level(AV_LOG_ERROR);
  }

  private VideoSynthesizer() {}

  /** Writes {@code spec} into {@code dir} under {@link VideoSpec#fileName()}, unless already there. */
  public static Path writeInto(Path dir, VideoSpec spec) throws IOException {
    Path file = dir.resolve(spec.fileName());
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(".tmp-" + System.nanoTime() + "-" + spec.fileName());
      write(tmp, spec);
      Files.move(tmp, file);
    }
    return file;
  }

  /** Writes {@code spec} to {@code file}. */
  public static void write(Path file, VideoSpec spec) throws IOException {
    if (spec.hasAudio() && spec.container() == VideoSpec.Container.WEBM) {
      throw new IllegalArgumentException("WebM takes Opus or Vorbis audio; the synthesizer writes AAC: use MKV");
    }
    try {
      new Session(file, spec).run();
    } catch (IOException e) {
      throw new IOException("Cannot write " + spec + ": " + e.getMessage(), e);
    }
  }

  private static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException(what + " failed: " + AvError.describe(ret));
    }
  }

  /** One muxing run: owns every native object until {@link #run()} returns. */
  private static final class Session {
    private final Path file;
    private final VideoSpec spec;
    private AVFormatContext output;
    private AVCodecContext video;
    private AVCodecContext audio;
    private AVStream videoStream;
    private AVStream audioStream;
    private AVFrame frame;
    private AVFrame audioFrame;
    private AVPacket packet;
    private long audioSamples;
    private final int pixelFormat;

    Session(Path file, VideoSpec spec) {
      this.file = file;
      this.spec = spec;
      this.pixelFormat = av_get_pix_fmt(spec.pixelFormatName());
    }

    void run() throws IOException {
      try {
        open();
        for (int i = 0; i < spec.frameCount(); i++) {
          fillPicture(i);
          frame.pts(i);
          encode(video, videoStream, frame);
          while (audio != null && audioSamples * spec.fpsNum() < (long) (i + 1) * spec.fpsDen() * audio.sample_rate()) {
            fillAudio();
            encode(audio, audioStream, audioFrame);
          }
        }
        encode(video, videoStream, null);
        if (audio != null) {
          encode(audio, audioStream, null);
        }
        check(av_write_trailer(output), "av_write_trailer");
      } finally {
        close();
      }
    }

    private void open() throws IOException {
      output = new AVFormatContext(null);
      check(avformat_alloc_output_context2(output, null, spec.container().muxer, file.toString()),
          "avformat_alloc_output_context2");
      video = videoEncoder();
      videoStream = newStream(video);
      if (spec.timecodeValue() != null) {
        // The MOV muxer makes a timecode track only for a video stream whose frame rate it knows.
        videoStream.avg_frame_rate().num(spec.fpsNum()).den(spec.fpsDen());
      }
      if (spec.rotationDegrees() != null) {
        addRotation(videoStream.codecpar(), spec.rotationDegrees());
      }
      if (spec.timecodeValue() != null) {
        PointerPointer<?> metadata = new PointerPointer<>(new FieldPointer(
            output.address() + Loader.offsetof(AVFormatContext.class, "metadata")));
        check(av_dict_set(metadata, new BytePointer("timecode"), new BytePointer(spec.timecodeValue()), 0),
            "av_dict_set timecode");
      }
      if (spec.hasAudio()) {
        audio = audioEncoder();
        audioStream = newStream(audio);
      }
      if ((output.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "avio_open");
        output.pb(pb);
      }
      AVDictionary options = new AVDictionary(null);
      if (!spec.container().movflags.isEmpty()) {
        av_dict_set(options, "movflags", spec.container().movflags, 0);
      }
      try {
        check(avformat_write_header(output, options), "avformat_write_header");
      } finally {
        av_dict_free(options);
      }
      frame = av_frame_alloc();
      frame.format(pixelFormat).width(spec.width()).height(spec.height());
      check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
      packet = av_packet_alloc();
    }

    private AVCodecContext videoEncoder() throws IOException {
      AVCodec codec = avcodec_find_encoder_by_name(spec.codec().encoder);
      if (codec == null || codec.isNull()) {
        throw new IOException("No encoder " + spec.codec().encoder + " in this FFmpeg build");
      }
      AVCodecContext ctx = avcodec_alloc_context3(codec);
      ctx.width(spec.width()).height(spec.height()).pix_fmt(pixelFormat);
      ctx.time_base().num(spec.fpsDen()).den(spec.fpsNum());
      ctx.framerate().num(spec.fpsNum()).den(spec.fpsDen());
      ctx.gop_size(spec.gopSize());
      ctx.max_b_frames(spec.bFrameCount());
      ctx.bit_rate(spec.bitRateValue());
      ctx.thread_count(1);
      if (spec.scanType() != VideoSpec.Scan.PROGRESSIVE) {
        ctx.flags(ctx.flags() | AV_CODEC_FLAG_INTERLACED_ME | AV_CODEC_FLAG_INTERLACED_DCT);
        ctx.field_order(spec.scanType() == VideoSpec.Scan.TOP_FIELD_FIRST ? AV_FIELD_TT : AV_FIELD_BB);
      }
      VideoSpec.Signal signal = spec.signalling();
      ctx.color_range(signal.range()).color_primaries(signal.primaries()).color_trc(signal.transfer())
          .colorspace(signal.space());
      ctx.sample_aspect_ratio().num(signal.sarNum()).den(signal.sarDen());
      if (spec.codec() == VideoSpec.Codec.AV1) {
        av_opt_set(ctx.priv_data(), "cpu-used", "8", 0);
        av_opt_set(ctx.priv_data(), "usage", "realtime", 0);
      } else if (spec.codec() == VideoSpec.Codec.VP9 || spec.codec() == VideoSpec.Codec.VP8) {
        av_opt_set(ctx.priv_data(), "deadline", "realtime", 0);
        av_opt_set(ctx.priv_data(), "cpu-used", "8", 0);
      } else if (spec.codec() == VideoSpec.Codec.DNXHD) {
        av_opt_set(ctx.priv_data(), "profile", "dnxhr_sq", 0);
      }
      if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
        ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      }
      check(avcodec_open2(ctx, codec, (AVDictionary) null), "avcodec_open2 " + spec.codec().encoder);
      return ctx;
    }

    private AVCodecContext audioEncoder() throws IOException {
      AVCodec codec = avcodec_find_encoder_by_name("aac");
      AVCodecContext ctx = avcodec_alloc_context3(codec);
      ctx.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(16000).bit_rate(32000);
      av_channel_layout_default(ctx.ch_layout(), 2);
      ctx.time_base().num(1).den(16000);
      if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
        ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      }
      check(avcodec_open2(ctx, codec, (AVDictionary) null), "avcodec_open2 aac");
      audioFrame = av_frame_alloc();
      audioFrame.format(AV_SAMPLE_FMT_FLTP).nb_samples(ctx.frame_size()).sample_rate(16000);
      av_channel_layout_default(audioFrame.ch_layout(), 2);
      check(av_frame_get_buffer(audioFrame, 0), "av_frame_get_buffer audio");
      return ctx;
    }

    private AVStream newStream(AVCodecContext ctx) throws IOException {
      AVStream st = avformat_new_stream(output, null);
      check(avcodec_parameters_from_context(st.codecpar(), ctx), "avcodec_parameters_from_context");
      st.time_base(ctx.time_base());
      return st;
    }

    /** Adds a display matrix to the stream's coded side data, as {@code ffmpeg -display_rotation} does. */
    private static void addRotation(AVCodecParameters par, double degrees) throws IOException {
      long base = par.address();
      PointerPointer<?> sideData = new PointerPointer<>(new FieldPointer(
          base + Loader.offsetof(AVCodecParameters.class, "coded_side_data")));
      IntPointer count = new IntPointer(new FieldPointer(
          base + Loader.offsetof(AVCodecParameters.class, "nb_coded_side_data")));
      AVPacketSideData sd = av_packet_side_data_new(sideData, count, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4, 0);
      if (sd == null || sd.isNull()) {
        throw new IOException("av_packet_side_data_new failed");
      }
      av_display_rotation_set(new IntPointer(sd.data()), degrees);
    }

    private void fillPicture(int index) throws IOException {
      check(av_frame_make_writable(frame), "av_frame_make_writable");
      if (spec.scanType() != VideoSpec.Scan.PROGRESSIVE) {
        int tff = spec.scanType() == VideoSpec.Scan.TOP_FIELD_FIRST ? AVFrame.AV_FRAME_FLAG_TOP_FIELD_FIRST : 0;
        frame.flags(frame.flags() | AVFrame.AV_FRAME_FLAG_INTERLACED | tff);
      }
      TestPattern.fill(frame, index, spec.grainLevels());
    }

    private void fillAudio() throws IOException {
      check(av_frame_make_writable(audioFrame), "av_frame_make_writable audio");
      int n = audioFrame.nb_samples();
      float[] samples = new float[n];
      for (int i = 0; i < n; i++) {
        samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * (audioSamples + i) / 16000.0));
      }
      for (int channel = 0; channel < 2; channel++) {
        new FloatPointer(audioFrame.data(channel)).put(samples);
      }
      audioFrame.pts(audioSamples);
      audioSamples += n;
    }

    private void encode(AVCodecContext ctx, AVStream stream, AVFrame input) throws IOException {
      check(avcodec_send_frame(ctx, input), "avcodec_send_frame");
      while (true) {
        int ret = avcodec_receive_packet(ctx, packet);
        if (ret < 0) {
          return; // EAGAIN or EOF: nothing more for now
        }
        if (packet.duration() <= 0) {
          packet.duration(ctx == video ? 1 : ctx.frame_size());
        }
        av_packet_rescale_ts(packet, ctx.time_base(), stream.time_base());
        packet.stream_index(stream.index());
        check(av_interleaved_write_frame(output, packet), "av_interleaved_write_frame");
      }
    }

    private void close() {
      if (packet != null) {
        av_packet_free(packet);
      }
      if (frame != null) {
        av_frame_free(frame);
      }
      if (audioFrame != null) {
        av_frame_free(audioFrame);
      }
      if (video != null) {
        avcodec_free_context(video);
      }
      if (audio != null) {
        avcodec_free_context(audio);
      }
      if (output != null && !output.isNull()) {
        if (output.pb() != null && !output.pb().isNull() && (output.oformat().flags() & AVFMT_NOFILE) == 0) {
          avio_closep(output.pb());
        }
        avformat_free_context(output);
      }
    }
  }

  /** A pointer to a field inside a native struct, for FFmpeg calls that take the field's address. */
  private static final class FieldPointer extends Pointer {
    FieldPointer(long address) {
      this.address = address;
    }
  }
}
