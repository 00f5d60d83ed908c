package dev.sparkvideo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python peers of case 9 (PyAV, torchcodec with torch, decord from PyPI) in a virtualenv this program makes, and
 * runs of {@code benchmarks/peers/peers.py} in it. Each group of packages is installed on its own, so that a peer
 * that cannot be installed here is left out and named, not fatal; PyAV comes first: it re-encodes the B-frame files
 * and lends torchcodec its FFmpeg libraries.
 */
final class PythonPeers {
  private static final List<List<String>> PACKAGES = List.of(
      List.of("numpy==2.4.6", "av==18.1.0"),
      List.of("torch==2.15.0", "torchcodec==0.17.0"),
      List.of("decord==0.6.0"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path python;
  private final Path script;
  private final String libraryPath;
  private final Map<String, String> notInstalled;

  private PythonPeers(Path python, Path script, String libraryPath, Map<String, String> notInstalled) {
    this.python = python;
    this.script = script;
    this.libraryPath = libraryPath;
    this.notInstalled = notInstalled;
  }

  /**
   * Makes (or reuses) the virtualenv {@code venv} and installs the peers in it.
   *
   * @throws IOException when there is no {@code python3 -m venv} or PyAV cannot be installed
   */
  static PythonPeers prepare(Path venv, Path script) throws IOException, InterruptedException {
    Path python = venv.resolve("bin").resolve("python");
    if (!Files.isExecutable(python)) {
      run(List.of("python3", "-m", "venv", venv.toString()), "");
    }
    Map<String, String> notInstalled = new LinkedHashMap<>();
    for (List<String> group : PACKAGES) {
      List<String> command = new ArrayList<>(List.of(python.toString(), "-m", "pip", "install", "-q",
          "--disable-pip-version-check"));
      command.addAll(group);
      try {
        run(command, "");
      } catch (IOException e) {
        if (group == PACKAGES.get(0)) {
          throw e;
        }
        notInstalled.put(String.join(" ", group), e.getMessage());
      }
    }
    PythonPeers peers = new PythonPeers(python, script, "", notInstalled);
    String libraryPath = peers.run("link-ffmpeg", venv.resolve("ffmpeg-libs").toString())
        .get("library_path").asText();
    return new PythonPeers(python, script, libraryPath, notInstalled);
  }

  /** The peers made on first use and kept, or the reason they could not be made, kept as well. */
  static final class OnFirstUse {
    private final Path venv;
    private final Path script;
    private PythonPeers peers;
    private IOException failure;

    OnFirstUse(Path venv, Path script) {
      this.venv = venv;
      this.script = script;
    }

    /**
     * The peers, prepared on the first call.
     *
     * @throws IOException when they cannot be, on this call and every later one
     */
    PythonPeers get() throws IOException, InterruptedException {
      if (peers == null && failure == null) {
        try {
          peers = prepare(venv, script);
        } catch (IOException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return peers;
    }
  }

  /** Package groups that could not be installed, with pip's last words. */
  Map<String, String> notInstalled() {
    return notInstalled;
  }

  /** Runs {@code peers.py ARGS} and returns the JSON object it prints. */
  JsonNode run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
    command.addAll(List.of(args));
    String output = run(command, libraryPath);
    String[] lines = output.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  /** Runs {@code command}; its standard error goes to this program's. Returns its standard output. */
  private static String run(List<String> command, String libraryPath) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    if (!libraryPath.isEmpty()) {
      builder.environment().put("LD_LIBRARY_PATH", libraryPath);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0) {
      String[] lines = output.strip().split("\n");
      throw new IOException(String.join(" ", command.subList(0, Math.min(4, command.size()))) + " exited with "
          + exit + ": " + lines[lines.length - 1]);
    }
    return output;
  }
}
