import * as assert from 'node:assert/strict';
import { isInteractive, personCall } from '../../src/core/shared/callOrigin';
import { saveDecision, withProfile } from '../../src/core/sessions/profileSave';
import { tokenOutletRefusal } from '../../src/core/usage/tokenOutlets';
import { mayHandOutTokens, TOKEN_OUTLETS } from '../../src/core/usage/workspaceTrust';

describe('who is calling a command', () => {
  it('no arguments is the palette or a keybinding: a person', () => {
    assert.equal(isInteractive(undefined), true);
    assert.equal(isInteractive(null), true);
  });

  it('an object that merely says so is a script: interactive:true, a node-like kind, a string', () => {
    assert.equal(isInteractive({ profile: 'dev', interactive: true }), false);
    assert.equal(isInteractive({ kind: 'profile', profile: 'dev' }), false);
    assert.equal(isInteractive({ kind: 'token', profile: 'dev', tokenType: 'refresh' }), false);
    assert.equal(isInteractive('dev'), false);
  });

  it('only objects our own UI marked count as a person, and a copy of one does not', () => {
    const marked = personCall({ profile: 'dev' });
    assert.equal(isInteractive(marked), true);
    assert.equal(isInteractive({ ...marked }), false);
  });
});

describe('saving a profile', () => {
  it('a script never replaces a name; a person is asked first; a script\'s new profile is shown before it is written', () => {
    assert.equal(saveDecision(['prod'], 'prod', false), 'refuseExists');
    assert.equal(saveDecision(['prod'], 'prod', true), 'askReplace');
    assert.equal(saveDecision(['prod'], 'new', false), 'askCreate');
    assert.equal(saveDecision(['prod'], 'new', true), 'save');
  });

  it('replaces the entry of the same name in place and keeps the others', () => {
    const a = { name: 'a', clientId: '1' };
    const b = { name: 'b', clientId: '2' };
    assert.deepEqual(withProfile([a, b], { name: 'a', clientId: '3' }), [{ name: 'a', clientId: '3' }, b]);
    assert.deepEqual(withProfile([a], { name: 'c' }), [a, { name: 'c' }]);
    assert.deepEqual(withProfile(undefined, { name: 'c' }), [{ name: 'c' }]);
  });
});

describe('Restricted Mode', () => {
  it('no token leaves through a command, the terminal, curl or the auth provider until the workspace is trusted', () => {
    for (const outlet of TOKEN_OUTLETS) {
      assert.equal(mayHandOutTokens(outlet, false), false, outlet);
      assert.equal(mayHandOutTokens(outlet, true), true, outlet);
    }
    assert.deepEqual([...TOKEN_OUTLETS].sort(), ['authProvider', 'copyAsCurl', 'scriptedCopy', 'scriptedEdit', 'terminalExport', 'tokenCommand']);
  });

  it('a script\'s copy of a stored token waits for trust; a person\'s copy does not', () => {
    for (const command of ['cognitoTokens.copyToken', 'cognitoTokens.copyAuthorizationHeader'] as const) {
      assert.equal(tokenOutletRefusal(command, { interactive: false, workspaceTrusted: false }), 'restrictedMode', command);
      assert.equal(tokenOutletRefusal(command, { interactive: true, workspaceTrusted: false }), undefined, command);
      assert.equal(tokenOutletRefusal(command, { interactive: false, workspaceTrusted: true }), undefined, command);
    }
  });
});
