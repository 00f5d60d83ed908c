package dev.sparkvideo.benchmarks;

import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSynthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The videos the benchmarks read, made by FFmpeg's encoders on first use and kept in the data directory. H.264 by
 * libopenh264 with light film grain (2 levels), which gives about 12 Mbit/s at 1080p and keyframes the size natural
 * footage has at that rate (about 120 KB).
 */
final class BenchmarkData {
  private static final int FPS_NUM = 30000;
  private static final int FPS_DEN = 1001;

  /** The seed scenario: 1920x1080, 30000/1001 fps, 60 s, index at the end. */
  static final VideoSpec SEED = hd(1800);
  /** A file of about 250 MB (160 s) for streaming against downloading. */
  static final VideoSpec LARGE = hd(4800);
  /** Five minutes of 1080p, for memory against file length. */
  static final VideoSpec FIVE_MINUTES = hd(8991);
  /** Ten seconds of 1080p for full-decode throughput. */
  static final VideoSpec TEN_SECONDS = hd(300);
  /** Five minutes at 640x360 for splitting one long file. */
  static final VideoSpec LONG = VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(640, 360)
      .fps(FPS_NUM, FPS_DEN).frames(8991).gop(60).bitRate(2_000_000).grain(2);
  /** Ten-second clips of three kinds for the metadata catalog, each copied many times under other names. */
  static final List<VideoSpec> CATALOG = List.of(
      VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1280, 720).fps(FPS_NUM, FPS_DEN).frames(300).gop(60)
          .bitRate(4_000_000).grain(2),
      VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).size(640, 360).fps(25, 1).frames(250).gop(50)
          .bitRate(1_000_000).grain(2),
      VideoSpec.of(Codec.H264, Container.MKV).size(640, 360).fps(25, 1).frames(250).gop(50).bitRate(1_000_000)
          .grain(2).withAudio());
  /** Copies of each catalog file. */
  static final int CATALOG_COPIES = 80;
  /** A short small file opened, decoded and closed many times. */
  static final VideoSpec CYCLE = VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(640, 360).frames(30)
      .gop(10).grain(2);

  /** Ten seconds of interlaced SD as broadcast and DVD archives hold it: MPEG-2, top field first, in MPEG-TS. */
  static final VideoSpec INTERLACED_SD = VideoSpec.of(Codec.MPEG2, Container.MPEG_TS).size(720, 576).fps(25, 1)
      .frames(250).gop(12).bFrames(2).bitRate(6_000_000).scan(VideoSpec.Scan.TOP_FIELD_FIRST).grain(2);
  /** Four seconds of 1080i MPEG-2, top field first. */
  static final VideoSpec INTERLACED_HD = VideoSpec.of(Codec.MPEG2, Container.MPEG_TS).size(1920, 1080).fps(25, 1)
      .frames(100).gop(12).bFrames(2).bitRate(20_000_000).scan(VideoSpec.Scan.TOP_FIELD_FIRST).grain(2);

  private final Map<VideoSpec, Path> files = new LinkedHashMap<>();
  private final Path catalogDir;

  private BenchmarkData(Path dir) {
    this.catalogDir = dir.resolve("catalog");
  }

  private static VideoSpec hd(int frames) {
    return VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1920, 1080).fps(FPS_NUM, FPS_DEN)
        .frames(frames).gop(60).bitRate(10_000_000).grain(2);
  }

  /** Makes the files missing from {@code dir}, two at a time (each encoder uses one thread). */
  static BenchmarkData prepare(Path dir) throws Exception {
    BenchmarkData data = new BenchmarkData(dir);
    List<VideoSpec> all = new ArrayList<>(List.of(FIVE_MINUTES, LARGE, SEED, LONG, TEN_SECONDS, CYCLE,
        INTERLACED_SD, INTERLACED_HD));
    all.addAll(CATALOG);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Map<VideoSpec, Future<Path>> pending = new LinkedHashMap<>();
      for (VideoSpec spec : all) {
        pending.put(spec, pool.submit(() -> VideoSynthesizer.writeInto(dir, spec)));
      }
      for (Map.Entry<VideoSpec, Future<Path>> e : pending.entrySet()) {
        data.files.put(e.getKey(), e.getValue().get());
      }
    } finally {
      pool.shutdown();
    }
    data.copyCatalog();
    return data;
  }

  private void copyCatalog() throws Exception {
    Files.createDirectories(catalogDir);
    Set<Path> wanted = new HashSet<>();
    for (VideoSpec spec : CATALOG) {
      Path source = file(spec);
      for (int i = 0; i < CATALOG_COPIES; i++) {
        Path copy = catalogDir.resolve(String.format("%03d-%s", i, spec.fileName()));
        wanted.add(copy);
        if (!Files.exists(copy)) {
          Files.copy(source, copy);
        }
      }
    }
    try (Stream<Path> present = Files.list(catalogDir)) {
      for (Path stale : present.filter(p -> !wanted.contains(p)).toList()) {
        Files.delete(stale); // from an earlier version of the catalog
      }
    }
  }

  Path file(VideoSpec spec) {
    Path file = files.get(spec);
    if (file == null) {
      throw new IllegalArgumentException("not a benchmark file: " + spec.fileName());
    }
    return file;
  }

  /** The directory of catalog files ({@link #CATALOG} times {@link #CATALOG_COPIES}). */
  Path catalogDir() {
    return catalogDir;
  }

  /** How many files the catalog has. */
  static int catalogFiles() {
    return CATALOG.size() * CATALOG_COPIES;
  }

  /** How many files of the catalog have names ending with {@code extension}. */
  static int catalogFiles(String extension) {
    return (int) CATALOG.stream().filter(spec -> spec.fileName().endsWith(extension)).count() * CATALOG_COPIES;
  }
}
