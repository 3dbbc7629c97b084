package io.jcrun.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.TestConfigs;
import org.junit.jupiter.api.Test;

class CreateProgramTest {
  @Test
  void printsProgram() throws Exception {
    InitProgram p = CreateProgram.compile(TestConfigs.defaultConfig(), TestConfigs.hybridHost(),
        new CreateProgram.Inputs(5, -1, true, 0, false));
    System.out.println(p.toText());
    assertEquals(p.ops().size(), p.origins().size());
  }
}
