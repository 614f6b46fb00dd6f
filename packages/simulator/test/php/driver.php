<?php
// Drives Amazon's PHP SDK (unmodified, loaded from the path the test passes) for php-sdk.test.ts.
// Line protocol on stdin/stdout, one JSON document per line:
//   first line: {"sdk": "<sdk dir>", "phpseclib": "<autoload.php>", "config": {<the SDK's config array>}}
//   each further line: {"method": "<Client method>", "args": [...]} → {"ok": true, "result": ...}
//   or {"ok": false, "error": "<class>: <message>"} when the SDK throws.
// JSON objects arrive as PHP arrays, the form the SDK's README passes payloads, headers and queries in.
declare(strict_types=1);

$setup = json_decode((string) fgets(STDIN), true, 512, JSON_THROW_ON_ERROR);
require_once $setup['phpseclib'];
require_once $setup['sdk'] . '/Amazon/Pay/API/Client.php';

$client = new Amazon\Pay\API\Client($setup['config']);
echo json_encode(['ok' => true, 'ready' => PHP_VERSION]) . "\n";

while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    try {
        $call = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        $result = $client->{$call['method']}(...$call['args']);
        $answer = ['ok' => true, 'result' => $result];
    } catch (\Throwable $e) {
        $answer = ['ok' => false, 'error' => get_class($e) . ': ' . $e->getMessage()];
    }
    echo json_encode($answer, JSON_INVALID_UTF8_SUBSTITUTE) . "\n";
}
