// Names that make later programs load or run what their value names. A variable this action sets
// reaches every later step of the job, next to its GITHUB_TOKEN and deploy credentials: such a name
// would let whoever may write an Infisical folder run code in the job. names.ts keeps these out of
// the job's environment unless the `secrets` input lists the name. Pure; tested in code-loading.test.ts.
//
// Where the line is: a name is listed when a program common on GitHub's runners (the dynamic loader,
// shells, git and ssh, Node.js and npm, the JVM and its build tools, Perl, Ruby, Python, PHP, .NET,
// glibc and OpenSSL) takes its value as code, as a command to run, as start-up options that can load
// code, or as a place to load code (or configuration that names commands) from, without the step
// asking for it. A path counts: the workspace holds files from the checked-out code.
// Not listed: names that change where data or packages come from (registries such as
// NPM_CONFIG_REGISTRY or PIP_EXTRA_INDEX_URL, proxies, CA certificates, XDG_*, TMPDIR). Jobs keep
// those as ordinary secrets, and they run nothing by themselves. A name that points at a configuration
// file that may name commands is listed (KUBECONFIG `exec`, AWS `credential_process`, npmrc, GOENV):
// the file need not be the attacker's, since another secret's value can be read as one through
// /proc/self/environ. Not matched: Cargo's per-target CARGO_TARGET_<triple>_LINKER and _RUNNER (a
// prefix would also catch the common CARGO_TARGET_DIR).

interface CodeLoadingGroup {
  /** Why the names of this group are kept out: one line, shown in the warning and the summary. */
  why: string;
  /** Upper-case names; a trailing `*` matches every name that starts with what precedes it. */
  names: readonly string[];
}

export const CODE_LOADING: readonly CodeLoadingGroup[] = [
  {
    why: 'the dynamic loader loads the libraries it names into every program started later',
    names: ['LD_PRELOAD', 'LD_AUDIT', 'LD_LIBRARY_PATH', 'DYLD_*'],
  },
  {
    why: 'glibc (iconv) and OpenSSL load shared-library modules from the folder or configuration it names',
    names: ['GCONV_PATH', 'OPENSSL_CONF', 'OPENSSL_ENGINES', 'OPENSSL_MODULES'],
  },
  {
    why:
      'shells run the file, command, function or options it holds when they start or prompt ' +
      '(bash sources BASH_ENV before every run: step; SHELLOPTS=xtrace runs the commands in PS4)',
    names: [
      'BASH_ENV',
      'ENV',
      'ZDOTDIR',
      'BASH_FUNC_*',
      'SHELLOPTS',
      'BASHOPTS',
      'PROMPT_COMMAND',
      'PS0',
      'PS1',
      'PS2',
      'PS4',
      'COMSPEC',
      'PSMODULEPATH',
    ],
  },
  {
    why: 'Node.js and npm take from it start-up options (--require, --import), module folders or the shell for scripts',
    names: [
      'NODE_OPTIONS',
      'NODE_PATH',
      'NODE_REPL_EXTERNAL_MODULE',
      'NPM_CONFIG_NODE_OPTIONS',
      'NPM_CONFIG_SCRIPT_SHELL',
      // An npmrc may set node-options and script-shell.
      'NPM_CONFIG_USERCONFIG',
      'NPM_CONFIG_GLOBALCONFIG',
    ],
  },
  {
    why: 'the JVM, java, javac and the build tools take options from it that load agents or run commands (-javaagent, -XX:OnError), or classes to load',
    names: [
      'JAVA_TOOL_OPTIONS',
      '_JAVA_OPTIONS',
      'JDK_JAVA_OPTIONS',
      'JDK_JAVAC_OPTIONS',
      'JAVA_OPTS',
      'MAVEN_OPTS',
      'GRADLE_OPTS',
      'CLASSPATH',
    ],
  },
  {
    why: 'Perl loads the modules (-M), module folders or debugger code it names before every script',
    names: ['PERL5OPT', 'PERL5LIB', 'PERLLIB', 'PERL5DB'],
  },
  {
    why: 'Ruby loads the libraries (-r) or library folders it names before every script',
    names: ['RUBYOPT', 'RUBYLIB'],
  },
  {
    why: 'Python imports from the folders it names first (their sitecustomize.py and .pth files run at every start), or runs or imports the file, callable or warning category it names',
    names: ['PYTHONPATH', 'PYTHONHOME', 'PYTHONUSERBASE', 'PYTHONSTARTUP', 'PYTHONWARNINGS', 'PYTHONBREAKPOINT'],
  },
  {
    why: 'PHP reads the php.ini it names, whose auto_prepend_file runs before every script',
    names: ['PHPRC', 'PHP_INI_SCAN_DIR'],
  },
  {
    why: '.NET loads the startup hooks, profiler library or extra dependencies it names into every .NET program',
    names: [
      'DOTNET_STARTUP_HOOKS',
      'DOTNET_ADDITIONAL_DEPS',
      'DOTNET_ENABLE_PROFILING',
      'DOTNET_PROFILER*',
      'CORECLR_ENABLE_PROFILING',
      'CORECLR_PROFILER*',
      'COR_ENABLE_PROFILING',
      'COR_PROFILER*',
    ],
  },
  {
    why: "git and ssh run the command it names (ssh, password prompt, proxy, diff, editor, pager), or take configuration, programs or new repositories' hooks from it",
    names: [
      'GIT_SSH_COMMAND',
      'GIT_SSH',
      'GIT_ASKPASS',
      'SSH_ASKPASS',
      'SSH_ASKPASS_REQUIRE',
      'GIT_PROXY_COMMAND',
      'GIT_EXTERNAL_DIFF',
      'GIT_EDITOR',
      'GIT_SEQUENCE_EDITOR',
      'GIT_PAGER',
      'GIT_EXEC_PATH',
      'GIT_TEMPLATE_DIR',
      'GIT_CONFIG',
      'GIT_CONFIG_GLOBAL',
      'GIT_CONFIG_SYSTEM',
      'GIT_CONFIG_PARAMETERS',
      'GIT_CONFIG_COUNT',
      'GIT_CONFIG_KEY_*',
      'GIT_CONFIG_VALUE_*',
    ],
  },
  {
    why: 'Go and Rust builds run the program it names as or around the compiler or linker (go -toolexec, RUSTC_WRAPPER, -C linker), or read such options from the file it names',
    names: [
      'GOFLAGS',
      'GOENV',
      'RUSTC',
      'RUSTC_WRAPPER',
      'RUSTC_WORKSPACE_WRAPPER',
      'CARGO_BUILD_RUSTC_WRAPPER',
      'RUSTFLAGS',
      'CARGO_ENCODED_RUSTFLAGS',
    ],
  },
  {
    why: 'kubectl and the AWS tools read the configuration file it names, whose exec and credential_process entries run commands',
    names: ['KUBECONFIG', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'],
  },
  {
    why: 'git and other tools run the command it names when they need an editor or a pager',
    names: ['EDITOR', 'VISUAL', 'PAGER'],
  },
];

const EXACT = new Map<string, CodeLoadingGroup>();
const PREFIXES: Array<[string, CodeLoadingGroup]> = [];
for (const group of CODE_LOADING) {
  for (const name of group.names) {
    if (name.endsWith('*')) PREFIXES.push([name.slice(0, -1), group]);
    else EXACT.set(name, group);
  }
}

/**
 * Why a name would make later programs load or run code, or undefined. Compared without regard to
 * case, as for the runner's variables (Windows ignores it; Linux and macOS do not); full upper-casing
 * (`ſ` → `S`) errs towards keeping a name out.
 */
export function codeLoadingReason(name: string): string | undefined {
  const upper = name.toUpperCase();
  const group = EXACT.get(upper) ?? PREFIXES.find(([prefix]) => upper.startsWith(prefix))?.[1];
  return group?.why;
}
