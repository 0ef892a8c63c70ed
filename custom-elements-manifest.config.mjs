// `npm run manifest` (scripts/manifest.mjs): custom-elements.json for IDEs, docs and Storybook,
// from the widgets' classes and their JSDoc (@summary @event @slot @csspart @cssproperty).
import {readFileSync} from 'node:fs';

/**
 * The classes live in `<name>.component.ts`; the tag is defined in `<name>.ts` through
 * `defineElement('tag', Class)` (src/page/register.ts), which the analyzer does not follow.
 * This reads that call, sets the class's `tagName`, and adds the defining module with its
 * `custom-element-definition` export, as a `customElements.define` there would have.
 */
function defineElementPlugin() {
  return {
    name: 'tenantry-define-element',
    packageLinkPhase({customElementsManifest}) {
      const added = [];
      // Internal state and handlers (`private`) are not API; the manifest lists what a host may use.
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) if (d.members) d.members = d.members.filter((m) => m.privacy !== 'private');
      }
      for (const mod of customElementsManifest.modules) {
        const match = /^widgets\/([^/]+)\/\1\.component\.ts$/.exec(mod.path);
        if (!match) continue;
        const definingPath = `widgets/${match[1]}/${match[1]}.ts`;
        const source = readFileSync(definingPath, 'utf8');
        for (const [, tag, className] of source.matchAll(/defineElement\(\s*'([a-z][a-z0-9-]*-[a-z0-9-]*)'\s*,\s*([A-Za-z_$][\w$]*)\s*\)/g)) {
          const declaration = mod.declarations?.find((d) => d.kind === 'class' && d.name === className);
          if (!declaration) throw new Error(`${definingPath}: defineElement('${tag}', ${className}) but ${mod.path} declares no class ${className}`);
          declaration.tagName = tag;
          declaration.customElement = true;
          added.push({
            kind: 'javascript-module',
            path: definingPath,
            declarations: [],
            exports: [
              {kind: 'js', name: className, declaration: {name: className, module: mod.path}},
              {kind: 'custom-element-definition', name: tag, declaration: {name: className, module: mod.path}},
            ],
          });
        }
      }
      customElementsManifest.modules.push(...added);
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

export default {
  globs: ['widgets/**/*.component.ts'],
  exclude: ['**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
  // package.json names the manifest itself ("customElements"); the analyzer must not rewrite it.
  packagejson: false,
  plugins: [defineElementPlugin()],
};
