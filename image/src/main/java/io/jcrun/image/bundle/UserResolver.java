package io.jcrun.image.bundle;

import io.jcrun.image.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an image config's {@code User} ({@code name}, {@code uid}, {@code name:group}, {@code
 * uid:gid} and mixes) against the image's passwd and group files, as runc's {@code
 * user.GetExecUser} does for Docker: a numeric user need not exist (its group is then 0), a name
 * must; without an explicit group the user's primary group applies, plus every group that lists
 * the user as a member.
 */
public final class UserResolver {
  private static final long MAX_ID = 0xfffffffeL;

  private UserResolver() {}

  private record PasswdEntry(String name, long uid, long gid, String home) {}

  private record GroupEntry(String name, long gid, List<String> members) {}

  /**
   * @param user the image config's User; null or empty is root
   * @param passwd the content of the image's /etc/passwd, empty when it has none
   * @param group the content of the image's /etc/group, empty when it has none
   */
  public static ResolvedUser resolve(String user, Optional<String> passwd, Optional<String> group)
      throws ImageException {
    String spec = user == null || user.isEmpty() ? "0" : user;
    int colon = spec.indexOf(':');
    String userPart = colon < 0 ? spec : spec.substring(0, colon);
    String groupPart = colon < 0 ? null : spec.substring(colon + 1);
    if (userPart.isEmpty()) {
      userPart = "0";
    }
    List<PasswdEntry> users = parsePasswd(passwd.orElse(""));
    Long numericUser = number(userPart);
    PasswdEntry entry = null;
    for (PasswdEntry e : users) {
      if (numericUser != null ? e.uid() == numericUser : e.name().equals(userPart)) {
        entry = e;
        break;
      }
    }
    if (entry == null && numericUser == null) {
      throw new ImageException("resolve user \"" + spec + "\": no user \"" + userPart + "\" in "
          + (passwd.isPresent() ? "the image's /etc/passwd" : "the image (it has no /etc/passwd)"));
    }
    long uid = numericUser != null ? numericUser : entry.uid();
    long gid = entry != null ? entry.gid() : 0;
    String home = entry != null && !entry.home().isEmpty() ? entry.home() : "/";
    List<GroupEntry> groups = parseGroup(group.orElse(""));
    List<Long> additional = new ArrayList<>();
    if (groupPart != null && !groupPart.isEmpty()) {
      Long numericGroup = number(groupPart);
      if (numericGroup != null) {
        gid = numericGroup;
      } else {
        GroupEntry g = groups.stream().filter(x -> x.name().equals(groupPart)).findFirst()
            .orElseThrow(() -> new ImageException("resolve user \"" + spec + "\": no group \""
                + groupPart + "\" in " + (group.isPresent() ? "the image's /etc/group"
                    : "the image (it has no /etc/group)")));
        gid = g.gid();
      }
    } else if (entry != null) {
      for (GroupEntry g : groups) {
        if (g.members().contains(entry.name()) && !additional.contains(g.gid())) {
          additional.add(g.gid());
        }
      }
    }
    if (uid > MAX_ID || gid > MAX_ID) {
      throw new ImageException("resolve user \"" + spec + "\": id out of range");
    }
    return new ResolvedUser(uid, gid, additional, home);
  }

  private static Long number(String s) {
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 10) {
      return null;
    }
    return Long.parseLong(s);
  }

  private static List<PasswdEntry> parsePasswd(String content) {
    List<PasswdEntry> out = new ArrayList<>();
    for (String line : content.split("\n")) {
      String[] f = line.split(":", -1);
      if (line.startsWith("#") || f.length < 4) {
        continue;
      }
      Long uid = number(f[2]);
      Long gid = number(f[3]);
      if (uid != null && gid != null) {
        out.add(new PasswdEntry(f[0], uid, gid, f.length > 5 ? f[5] : ""));
      }
    }
    return out;
  }

  private static List<GroupEntry> parseGroup(String content) {
    List<GroupEntry> out = new ArrayList<>();
    for (String line : content.split("\n")) {
      String[] f = line.split(":", -1);
      if (line.startsWith("#") || f.length < 3) {
        continue;
      }
      Long gid = number(f[2]);
      if (gid == null) {
        continue;
      }
      List<String> members = f.length > 3 && !f[3].isEmpty()
          ? List.of(f[3].trim().split(",")) : List.of();
      out.add(new GroupEntry(f[0], gid, members));
    }
    return out;
  }
}
