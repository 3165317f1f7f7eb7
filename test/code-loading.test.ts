import { describe, expect, it } from 'vitest';
import { CODE_LOADING, codeLoadingReason } from '../src/code-loading.js';

/** The group whose reason mentions `word`, so that each test names the group it covers. */
function why(word: string): string {
  const group = CODE_LOADING.find((g) => g.why.includes(word));
  if (!group) throw new Error(`no group mentions ${word}`);
  return group.why;
}

describe('names that make later programs load or run code', () => {
  it.each([
    ['the dynamic loader', 'dynamic loader', ['LD_PRELOAD', 'LD_AUDIT', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES']],
    ['glibc and OpenSSL modules', 'OpenSSL', ['GCONV_PATH', 'OPENSSL_CONF', 'OPENSSL_ENGINES', 'OPENSSL_MODULES']],
    [
      'shells',
      'shells',
      ['BASH_ENV', 'ENV', 'BASH_FUNC_echo%%', 'SHELLOPTS', 'PROMPT_COMMAND', 'PS4', 'ZDOTDIR', 'ComSpec'],
    ],
    [
      'Node.js and npm',
      'Node.js',
      ['NODE_OPTIONS', 'NODE_PATH', 'NODE_REPL_EXTERNAL_MODULE', 'npm_config_node_options', 'npm_config_script_shell'],
    ],
    [
      'the JVM and its build tools',
      'JVM',
      ['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'JDK_JAVAC_OPTIONS', 'MAVEN_OPTS', 'Classpath'],
    ],
    ['Perl', 'Perl', ['PERL5OPT', 'PERL5LIB', 'PERLLIB', 'PERL5DB']],
    ['Ruby', 'Ruby', ['RUBYOPT', 'RUBYLIB']],
    [
      'Python',
      'Python',
      ['PYTHONPATH', 'PYTHONHOME', 'PYTHONUSERBASE', 'PYTHONSTARTUP', 'PYTHONWARNINGS', 'PYTHONBREAKPOINT'],
    ],
    ['PHP', 'PHP', ['PHPRC', 'PHP_INI_SCAN_DIR']],
    [
      '.NET',
      '.NET',
      [
        'DOTNET_STARTUP_HOOKS',
        'DOTNET_ADDITIONAL_DEPS',
        'DOTNET_ENABLE_PROFILING',
        'DOTNET_PROFILER_PATH',
        'CORECLR_ENABLE_PROFILING',
        'CORECLR_PROFILER',
        'CORECLR_PROFILER_PATH_64',
        'COR_ENABLE_PROFILING',
        'COR_PROFILER',
        'COR_PROFILER_PATH',
      ],
    ],
    [
      'git and ssh',
      'git and ssh',
      ['GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_EXEC_PATH', 'GIT_CONFIG_PARAMETERS'],
    ],
    [
      'git configuration from the environment',
      'git and ssh',
      ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_12'],
    ],
    ['editors and pagers', 'editor or a pager', ['EDITOR', 'VISUAL', 'PAGER']],
    ['npm configuration files', 'Node.js', ['NPM_CONFIG_USERCONFIG', 'npm_config_globalconfig']],
    [
      'Go and Rust compiler wrappers and options',
      'Go and Rust',
      [
        'GOFLAGS',
        'GOENV',
        'RUSTC',
        'RUSTC_WRAPPER',
        'RUSTC_WORKSPACE_WRAPPER',
        'CARGO_BUILD_RUSTC_WRAPPER',
        'RUSTFLAGS',
        'CARGO_ENCODED_RUSTFLAGS',
      ],
    ],
    [
      'configuration that names commands',
      'credential_process',
      ['KUBECONFIG', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'],
    ],
  ])('%s', (_group, word, names) => {
    const reason = why(word);
    for (const name of names) expect([name, codeLoadingReason(name)]).toEqual([name, reason]);
  });

  it('covers every group with a test above', () => {
    const words = ['dynamic loader', 'OpenSSL', 'shells', 'Node.js', 'JVM', 'Perl', 'Ruby', 'Python', 'PHP'];
    const more = ['.NET', 'git and ssh', 'editor or a pager', 'Go and Rust', 'credential_process'];
    const covered = [...words, ...more].map(why);
    expect(new Set(covered).size).toBe(CODE_LOADING.length);
  });

  it.each(['ld_preload', 'Bash_Env', 'git_ssh_command', 'dyld_insert_libraries', 'baſh_env', 'ps4'])(
    'ignores case as Windows and macOS runners do: %s',
    (name) => {
      expect(codeLoadingReason(name)).toBeDefined();
    },
  );

  it.each([
    'LD_FLAGS_NOTE',
    'LD_FLAGS',
    'BASH_COLOR',
    'ENVIRONMENT_NAME',
    'ENV_FILE',
    'MY_BASH_ENV',
    'NODE_ENV',
    'JAVA_HOME',
    'PYTHON_VERSION',
    'GIT_AUTHOR_NAME',
    'GIT_SSH_VARIANT',
    'GIT_CONFIG_NOSYSTEM',
    'DOTNET_ROOT',
    'PS5',
    'EDITORIAL_KEY',
    'PAGERDUTY_TOKEN',
    'DATABASE_URL',
  ])('exports a name that only looks alike: %s', (name) => {
    expect(codeLoadingReason(name)).toBeUndefined();
  });

  it('keeps each name in one group only', () => {
    const names = CODE_LOADING.flatMap((g) => g.names);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toBe(name.toUpperCase());
  });
});
