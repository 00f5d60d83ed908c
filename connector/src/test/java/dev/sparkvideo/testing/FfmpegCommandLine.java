package dev.sparkvideo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code ffmpeg} and {@code ffprobe} programs of the same FFmpeg build (Bytedeco's, from the natives jar): the
 * independent reference for pixels and frame lists. On Debian and Ubuntu they need the {@code libpulse0} package
 * ({@code .ci/run} installs it). Tests that need them are skipped, saying why, when they cannot run here; with the
 * environment variable {@value #REQUIRED_VARIABLE} set they fail instead, so that CI cannot pass without them.
 */
public final class FfmpegCommandLine {
  /** When set (to anything), a missing command line fails the tests that need it rather than skipping them. */
  public static final String REQUIRED_VARIABLE = "SPARK_VIDEO_REQUIRE_FFMPEG_CLI";

  /** A line of {@code trace_headers}: "166         bitstream_restriction_flag                 1 = 1". */
  private static final java.util.regex.Pattern TRACED_ELEMENT =
      java.util.regex.Pattern.compile("^(\\d+)\\s+(\\S+)\\s+[01]+ = (-?\\d+)$");

  private static FfmpegCommandLine instance;
  private static String unavailable;

  private final String ffmpeg;
  private final String ffprobe;

  private FfmpegCommandLine(String ffmpeg, String ffprobe) {
    this.ffmpeg = ffmpeg;
    this.ffprobe = ffprobe;
  }

  /** The command line, or a skipped (or, where required, failed) test saying why it cannot run here. */
  public static synchronized FfmpegCommandLine get() {
    if (instance == null && unavailable == null) {
      try {
        FfmpegCommandLine cli = new FfmpegCommandLine(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class),
            Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        cli.run(cli.ffmpeg, List.of("-version"));
        instance = cli;
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        unavailable = "the ffmpeg command line of the natives jar cannot run here (on Debian/Ubuntu: apt-get install"
            + " libpulse0): " + e.getMessage();
      }
    }
    if (instance == null) {
      if (System.getenv(REQUIRED_VARIABLE) != null) {
        throw new IllegalStateException(unavailable + "; " + REQUIRED_VARIABLE + " is set");
      }
      Assumptions.abort(unavailable);
    }
    return instance;
  }

  /**
   * The MD5 of every frame of stream {@code stream} as {@code ffmpeg -i FILE -map 0:S [-vf FILTERS] -pix_fmt FMT -f
   * framemd5} gives them: frame for frame what the decoder and the auto-inserted conversion produce.
   *
   * @param filters a {@code -vf} argument, or {@code null}
   * @param autorotate whether the command line turns frames upright (its default)
   */
  public List<String> frameMd5(Path file, int stream, String filters, String pixelFormat, boolean autorotate) {
    return frameMd5(file, stream, List.of(), filters, pixelFormat, autorotate);
  }

  /** As {@link #frameMd5(Path, int, String, String, boolean)}, with {@code inputOptions} before {@code -i}. */
  public List<String> frameMd5(Path file, int stream, List<String> inputOptions, String filters, String pixelFormat,
      boolean autorotate) {
    List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-threads", "1"));
    if (!autorotate) {
      args.add("-noautorotate");
    }
    args.addAll(inputOptions);
    args.addAll(List.of("-i", file.toString(), "-map", "0:" + stream, "-fps_mode", "passthrough"));
    if (filters != null) {
      args.addAll(List.of("-vf", filters));
    }
    args.addAll(List.of("-pix_fmt", pixelFormat, "-f", "framemd5", "-"));
    List<String> md5 = new ArrayList<>();
    for (String line : run(ffmpeg, args).split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] fields = line.split(",");
        md5.add(fields[fields.length - 1].trim());
      }
    }
    return md5;
  }

  /** One frame as ffprobe's {@code -show_frames} reports it. */
  public record ProbedFrame(Long bestEffortTimestamp, boolean key, String pictureType, boolean interlaced,
      boolean topFieldFirst) {}

  /** Every frame of stream {@code stream}, in display order, as {@code ffprobe -show_frames} decodes them. */
  public List<ProbedFrame> frames(Path file, int stream) {
    return frames(file, stream, List.of());
  }

  /** As {@link #frames(Path, int)}, with the decoder options {@code inputOptions} (e.g. {@code -strict strict}). */
  public List<ProbedFrame> frames(Path file, int stream, List<String> inputOptions) {
    List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-threads", "1"));
    args.addAll(inputOptions);
    args.addAll(List.of("-select_streams", Integer.toString(stream), "-show_entries",
        "frame=best_effort_timestamp,key_frame,pict_type,interlaced_frame,top_field_first", "-of",
        "csv=print_section=0:nokey=0", file.toString()));
    String out = run(ffprobe, args);
    List<ProbedFrame> frames = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      java.util.Map<String, String> kv = new java.util.HashMap<>();
      for (String field : line.split(",")) {
        int eq = field.indexOf('=');
        if (eq > 0) {
          kv.put(field.substring(0, eq), field.substring(eq + 1));
        }
      }
      String ts = kv.getOrDefault("best_effort_timestamp", "N/A");
      frames.add(new ProbedFrame(ts.equals("N/A") ? null : Long.valueOf(ts), "1".equals(kv.get("key_frame")),
          kv.get("pict_type"), "1".equals(kv.get("interlaced_frame")), "1".equals(kv.get("top_field_first"))));
    }
    return frames;
  }

  /**
   * Every stream as {@code ffprobe -show_streams} describes it: field name to value, as printed (absent fields are
   * missing from the map).
   */
  public List<java.util.Map<String, String>> streams(Path file) {
    String out = run(ffprobe, List.of("-hide_banner", "-loglevel", "error", "-show_streams", "-of", "flat",
        file.toString()));
    List<java.util.Map<String, String>> streams = new ArrayList<>();
    for (String line : out.split("\n")) {
      // streams.stream.0.codec_name="h264"
      int eq = line.indexOf('=');
      if (!line.startsWith("streams.stream.") || eq < 0) {
        continue;
      }
      String[] key = line.substring("streams.stream.".length(), eq).split("\\.", 2);
      int index = Integer.parseInt(key[0]);
      while (streams.size() <= index) {
        streams.add(new java.util.HashMap<>());
      }
      String value = line.substring(eq + 1);
      if (value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      streams.get(index).put(key[1], value);
    }
    return streams;
  }

  /** One syntax element of a parameter set as FFmpeg's {@code trace_headers} bitstream filter logs it. */
  public record TracedElement(long bitPosition, String name, long value) {}

  /**
   * The syntax elements of the first H.264/HEVC sequence parameter set of stream {@code stream} (the codec
   * configuration's, where there is one), as {@code ffmpeg -i FILE -map 0:S -c copy -bsf:v trace_headers -f null -}
   * logs them: FFmpeg's own parser, with each element's bit position in the unescaped NAL unit (its header at 0).
   */
  public List<TracedElement> sequenceParameterSet(Path file, int stream) {
    String log = run(ffmpeg, List.of("-hide_banner", "-nostdin", "-loglevel", "info", "-i", file.toString(), "-map",
        "0:" + stream, "-c", "copy", "-bsf:v", "trace_headers", "-frames:v", "1", "-f", "null", "-"), true);
    List<TracedElement> elements = new ArrayList<>();
    boolean inSps = false;
    for (String line : log.split("\n")) {
      int tag = line.indexOf("[trace_headers");
      if (tag < 0) {
        continue;
      }
      String text = line.substring(line.indexOf(']', tag) + 1).trim();
      if (text.equals("Sequence Parameter Set")) {
        inSps = true;
        continue;
      }
      java.util.regex.Matcher m = TRACED_ELEMENT.matcher(text);
      if (inSps && m.matches()) {
        elements.add(new TracedElement(Long.parseLong(m.group(1)), m.group(2), Long.parseLong(m.group(3))));
      } else if (inSps && !elements.isEmpty()) {
        break; // the next NAL unit's heading
      }
    }
    if (elements.isEmpty()) {
      throw new IllegalStateException("trace_headers logged no sequence parameter set for " + file);
    }
    return elements;
  }

  private String run(String program, List<String> args) {
    return run(program, args, false);
  }

  /** Runs {@code program}; returns its standard output, or with {@code log} its standard error. */
  private String run(String program, List<String> args, boolean log) {
    List<String> command = new ArrayList<>();
    command.add(program);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    // The programs find their libraries beside them, where JavaCPP extracted them.
    builder.environment().put("LD_LIBRARY_PATH", Path.of(program).getParent().toString());
    try {
      Path errors = java.nio.file.Files.createTempFile("ffmpeg-cli", ".log");
      try {
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
          throw new IOException(String.format(Locale.ROOT, "%s exited with %d: %s", command, exit,
              java.nio.file.Files.readString(errors)));
        }
        return log ? java.nio.file.Files.readString(errors) : stdout;
      } finally {
        java.nio.file.Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
