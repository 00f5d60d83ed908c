package dev.sparkvideo.examples;

import dev.sparkvideo.ffmpeg.FrameFormat;
import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.StreamMetadata;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.ffmpeg.VideoFrame;
import dev.sparkvideo.io.HadoopSeekableInput;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The quick start job: makes a few sample videos (a long 1080p H.264 file with its index at the end among them),
 * then, through Hadoop's FileSystem API as the connector does for any storage, prints each file's metadata, writes
 * the first frame of each as a PNG thumbnail, and reports how few bytes that took.
 *
 * <p>Usage: {@code QuickStart [WORK_DIR]} (default {@code target/quickstart}).
 */
public final class QuickStart {
  private static final List<VideoSpec> SAMPLES = List.of(
      VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1920, 1080).fps(30000, 1001).frames(300).gop(60)
          .bitRate(8_000_000).noise(),
      VideoSpec.of(Codec.VP9, Container.MKV).size(640, 360).frames(75).withAudio(),
      VideoSpec.of(Codec.VP9, Container.WEBM).size(640, 360).frames(50),
      VideoSpec.of(Codec.AV1, Container.MKV).size(320, 240).frames(50),
      VideoSpec.of(Codec.MPEG4, Container.AVI).size(480, 270).frames(60).bFrames(2));

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args.length > 0 ? args[0] : "target/quickstart").toAbsolutePath();
    Path videos = work.resolve("videos");
    Path thumbnails = Files.createDirectories(work.resolve("thumbnails"));
    System.out.println("Making sample videos in " + videos + " ...");
    for (VideoSpec spec : SAMPLES) {
      VideoSynthesizer.writeInto(videos, spec);
    }

    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(videos.toUri());
    FileSystem fs = dir.getFileSystem(conf);
    System.out.printf(Locale.ROOT, "%n%-44s %-6s %-5s %9s %7s %8s %7s %10s %8s%n", "file", "codec", "type", "size",
        "fps", "frames", "seconds", "file bytes", "read");
    long totalSize = 0;
    long totalRead = 0;
    for (FileStatus status : fs.listStatus(dir)) {
      if (!status.isFile() || status.getPath().getName().startsWith(".")) {
        continue;
      }
      try (HadoopSeekableInput input = HadoopSeekableInput.open(status, conf);
          VideoFile video = VideoFile.open(input);
          FrameReader frames = video.frames(FrameRequest.builder().format(FrameFormat.PNG).width(320).build())) {
        if (frames.next()) {
          VideoFrame first = frames.get();
          Files.write(thumbnails.resolve(status.getPath().getName() + ".png"), first.data());
        }
        long read = input.statistics().bytesRead();
        totalSize += status.getLen();
        totalRead += read;
        for (StreamMetadata s : video.metadata().streams()) {
          System.out.printf(Locale.ROOT, "%-44s %-6s %-5s %9s %7s %8s %7s %10d %7.2f%%%n",
              status.getPath().getName(), s.codec(), s.mediaType(),
              s.width() == null ? "" : s.width() + "x" + s.height(),
              s.averageFps() == null ? "" : String.format(Locale.ROOT, "%.2f", s.averageFps()),
              s.numFrames() == null ? "" : s.numFrames(),
              s.durationSeconds() == null ? "" : String.format(Locale.ROOT, "%.2f", s.durationSeconds()),
              status.getLen(), 100.0 * read / status.getLen());
        }
      }
    }
    System.out.printf(Locale.ROOT, "%nMetadata and the first frame of every file took %d of %d bytes (%.2f%%).%n",
        totalRead, totalSize, 100.0 * totalRead / totalSize);
    System.out.println("Thumbnails (PNG, 320 pixels wide): " + thumbnails);
  }
}
