package io.jcrun.cgroups;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the test classes named on the command line with the JUnit Platform and prints one line per
 * test and a closing {@code N passed, N failed, N skipped}; exits 1 when a test failed or none
 * ran. For the KVM guest, where starting Maven takes minutes under emulation.
 */
public final class ConsoleTestRunner {
  private ConsoleTestRunner() {}

  public static void main(String[] args) throws Exception {
    AtomicInteger passed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    TestExecutionListener printer = new TestExecutionListener() {
      @Override
      public void executionSkipped(TestIdentifier test, String reason) {
        skipped.incrementAndGet();
        System.out.println("SKIPPED " + test.getDisplayName() + ": " + reason);
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
          return;
        }
        switch (result.getStatus()) {
          case SUCCESSFUL -> {
            passed.incrementAndGet();
            System.out.println("PASSED  " + test.getDisplayName());
          }
          case ABORTED -> {
            skipped.incrementAndGet();
            System.out.println("SKIPPED " + test.getDisplayName() + ": "
                + result.getThrowable().map(Throwable::getMessage).orElse(""));
          }
          case FAILED -> {
            failed.incrementAndGet();
            System.out.println("FAILED  " + test.getDisplayName());
            result.getThrowable().ifPresent(t -> t.printStackTrace(System.out));
          }
        }
      }
    };
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(Arrays.stream(args).map(name -> selectClass(name)).toList())
        .build();
    LauncherFactory.create().execute(request, printer);
    System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
    System.exit(failed.get() > 0 || passed.get() == 0 ? 1 : 0);
  }
}
