// EPUBCheckBatch runs EPUBCheck on many EPUBs in one JVM, for imprint's internal/validate
// (EPUBCheckAll). Starting a JVM and loading EPUBCheck's schemas costs seconds; checking a small
// EPUB once they are loaded costs a tenth of one, so a batch pays the start once.
//
// Run in source-file mode (Java 11+, needs a JDK's compiler):
//
//   java -cp epubcheck.jar EPUBCheckBatch.java OUTDIR [-u] < paths
//
// stdin holds the EPUB paths, each ended by a NUL byte. For the i-th path (from 0) it writes
// OUTDIR/i.json, EPUBCheck's --json report, and OUTDIR/i.log, what EPUBCheck printed while it
// checked that EPUB, then prints "checked i EXIT" on stdout: EXIT is what EpubChecker.run
// returned (0: no errors, 1: errors or no check), or -1 if it threw. -u adds USAGE findings.
// EpubChecker.run, unlike the command line's main, returns instead of exiting, and a new
// EpubChecker per EPUB keeps one report's options and findings out of the next.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public final class EPUBCheckBatch {
  public static void main(String[] args) throws IOException {
    boolean usage = args.length == 2 && args[1].equals("-u");
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !usage)) {
      System.err.println("usage: java -cp epubcheck.jar EPUBCheckBatch.java OUTDIR [-u] < NUL-ended EPUB paths");
      System.exit(2);
    }
    File outDir = new File(args[0]);
    String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    String[] paths = input.isEmpty() ? new String[0] : input.split("\0");

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    for (int i = 0; i < paths.length; i++) {
      String json = new File(outDir, i + ".json").getPath();
      String[] argv = usage
          ? new String[] {"--json", json, "-u", paths[i]}
          : new String[] {"--json", json, paths[i]};
      int exit;
      // EPUBCheck prints through System.out and System.err, looked up on every call, so
      // redirecting them files its console output with the EPUB it is about.
      try (PrintStream console =
          new PrintStream(new FileOutputStream(new File(outDir, i + ".log")), true, StandardCharsets.UTF_8)) {
        System.setOut(console);
        System.setErr(console);
        try {
          exit = new EpubChecker().run(argv);
        } catch (Throwable t) {
          t.printStackTrace(console);
          exit = -1;
        } finally {
          System.setOut(stdout);
          System.setErr(stderr);
        }
      }
      stdout.println("checked " + i + " " + exit);
      stdout.flush();
    }
  }
}
