package io.jcrun.spec;

import java.util.List;

/** One lifecycle hook: the executable, its argv (including argv[0]), env and timeout in seconds. */
public record Hook(String path, List<String> args, List<String> env, Integer timeout) {}
